/* SHA-1, UUIDs and a seeded shuffle. crypto.subtle is missing on plain-http hosts other than
   localhost, so SHA-1 is written out here. */

// uuid.uuid5(uuid.NAMESPACE_URL, "https://w3id.org/repready/xapi/"): generator/xapi/vocabulary.py NAMESPACE
const NAMESPACE = "9289d17c4e015ea684c67992da1c6a56";
const ROUND_CONSTANTS = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];

const rotate = (x, n) => (x << n) | (x >>> (32 - n));

export function sha1(bytes) {
  const length = bytes.length;
  const words = new Int32Array((((length + 8) >> 6) + 1) << 4), schedule = new Int32Array(80);
  let hash = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  bytes.forEach((byte, i) => {
    words[i >> 2] |= byte << (24 - 8 * (i & 3));
  });
  words[length >> 2] |= 0x80 << (24 - 8 * (length & 3));
  words[words.length - 1] = length * 8;
  for (let block = 0; block < words.length; block += 16) {
    let [a, b, c, d, e] = hash;
    for (let t = 0; t < 80; t++) {
      schedule[t] = t < 16
        ? words[block + t]
        : rotate(schedule[t - 3] ^ schedule[t - 8] ^ schedule[t - 14] ^ schedule[t - 16], 1);
      const stage = (t / 20) | 0;
      const mix = stage === 0 ? (b & c) | (~b & d) : stage === 2 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const next = (rotate(a, 5) + mix + e + ROUND_CONSTANTS[stage] + schedule[t]) | 0;
      e = d;
      d = c;
      c = rotate(b, 30);
      b = a;
      a = next;
    }
    hash = [(hash[0] + a) | 0, (hash[1] + b) | 0, (hash[2] + c) | 0, (hash[3] + d) | 0, (hash[4] + e) | 0];
  }
  return hash.flatMap(x => [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
}

export const utf8 = text => [...new TextEncoder().encode(text)];
const hex = bytes => bytes.map(b => (b | 256).toString(16).slice(1)).join("");

function formatUuid(bytes, version) {
  bytes[6] = (bytes[6] & 15) | (version << 4);
  bytes[8] = (bytes[8] & 63) | 128;
  return hex(bytes.slice(0, 16)).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
}

export const uuid5 = name =>
  formatUuid(sha1(NAMESPACE.match(/../g).map(x => parseInt(x, 16)).concat(utf8(name))), 5);
export const uuid4 = () => formatUuid([...crypto.getRandomValues(new Uint8Array(16))], 4);
export const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// A seeded generator (mulberry32) so an attempt's draw and shuffle survive reloads.
export function seededRandom(seed) {
  let state = sha1(utf8(seed)).slice(0, 4).reduce((a, b) => a * 256 + b, 0) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle(list, random) {
  const copy = list.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (random() * (i + 1)) | 0;
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
