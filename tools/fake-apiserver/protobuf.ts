// kubectl ≥ 1.3x sends built-in request bodies (e.g. SelfSubjectAccessReview for `auth can-i`) as
// Kubernetes protobuf: the "k8s\0" magic, a runtime.Unknown envelope, then the object. This decodes
// just enough of it to read the review's resourceAttributes; answers stay JSON, which clients accept.

type Fields = Map<number, (Buffer | number)[]>;

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let key: number;
    [key, pos] = readVarint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = readVarint(buf, pos);
    else if (wire === 2) {
      let len: number;
      [len, pos] = readVarint(buf, pos);
      value = buf.subarray(pos, pos + len);
      pos += len;
    } else if (wire === 1) [value, pos] = [0, pos + 8];
    else if (wire === 5) [value, pos] = [0, pos + 4];
    else throw new Error(`unsupported protobuf wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const sub = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? fields(v) : new Map() as Fields;
};
const str = (f: Fields, n: number) => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** A SelfSubjectAccessReview body as JSON-shaped spec, from JSON or Kubernetes protobuf. */
export function decodeAccessReview(body: Buffer, contentType: string | undefined): { spec?: { resourceAttributes?: Record<string, string | undefined> } } {
  if (!/protobuf/.test(contentType ?? '') && !body.subarray(0, 4).equals(PROTOBUF_MAGIC)) return JSON.parse(body.toString('utf8'));
  if (!body.subarray(0, 4).equals(PROTOBUF_MAGIC)) throw new Error('protobuf body without the k8s magic prefix');
  const unknown = fields(body.subarray(4));
  const raw = unknown.get(2)?.[0];
  if (!Buffer.isBuffer(raw)) throw new Error('protobuf envelope without an object');
  const ra = sub(sub(fields(raw), 2), 1); // SelfSubjectAccessReview.spec.resourceAttributes
  return {
    spec: {
      resourceAttributes: {
        namespace: str(ra, 1), verb: str(ra, 2), group: str(ra, 3), version: str(ra, 4), resource: str(ra, 5), subresource: str(ra, 6), name: str(ra, 7),
      },
    },
  };
}
