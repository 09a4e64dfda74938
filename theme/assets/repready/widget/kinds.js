/* Item types: each is one module in ../types/ named after the type, loaded only by pages that use
   it. A type module's default export says how its questions are answered, restored, graded,
   described in xAPI and marked after a practice submission (see ../types/single.js). */

const TYPE_NAME = /^[a-z][a-z-]{0,31}$/;

export async function loadKinds(names) {
  const kinds = new Map();
  await Promise.all(names.map(async name => {
    if (!TYPE_NAME.test(name)) throw new Error(`unknown item type ${JSON.stringify(name)}`);
    const module = await import(new URL(`../types/${name}.js`, import.meta.url).href);
    kinds.set(name, module.default);
  }));
  return kinds;
}
