// generator.render.markdown.to_plain: text, a space before p/li/br/tr/td/th, whitespace folded.
const BLOCKS = /^(P|LI|BR|TR|TD|TH)$/;

export function plainText(element) {
  let text = "";
  const walk = node => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.data;
      else if (child.nodeType === 1) {
        if (BLOCKS.test(child.tagName)) text += " ";
        walk(child);
      }
    }
  };
  if (element) walk(element);
  return text.trim().split(/\s+/).join(" ");
}
