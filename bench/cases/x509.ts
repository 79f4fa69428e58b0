// Decoding 10,000 certificates into CertInfo (src/core/x509: SANs, SPIFFE IDs, validity, key details,
// self-signature check, PEM) against node:crypto's X509Certificate merely parsing the same PEMs, which is
// the work every decoder on Node has to do first. No DESIGN.md budget; the ratio is what decoding costs.
import { X509Certificate } from 'node:crypto';
import { decodeCertificates } from '../../src/core/x509/decode';
import { makeCert, type Generated } from '../../test/unit/x509/gen';
import { medianMs, type BenchCase } from '../harness';

const COUNT = 10_000;
/** Distinct certificates generated per run (signing is slow); the 10,000 inputs cycle through them. */
const DISTINCT = 100;

async function generate(): Promise<string[]> {
  const root = await makeCert({ subject: 'O=cluster.local, CN=Root CA', ca: true });
  const inter = await makeCert({ subject: 'O=cluster.local, CN=Intermediate CA', ca: true, issuer: root });
  const pems: string[] = [root.pem, inter.pem];
  const leaves: Promise<Generated>[] = [];
  for (let i = pems.length; i < DISTINCT; i++) {
    leaves.push(i % 2
      ? makeCert({ spiffeId: `spiffe://cluster.local/ns/team-${i % 9}/sa/svc-${i}`, issuer: inter })
      : makeCert({ subject: `CN=web-${i}.example.com`, dns: [`web-${i}.example.com`, `web-${i}.shop.svc`], issuer: inter }));
  }
  for (const g of await Promise.all(leaves)) pems.push(g.pem);
  return pems;
}

export const x509Case: BenchCase = {
  name: 'decode 10,000 certificates',
  async run() {
    const distinct = await generate();
    const inputs = Array.from({ length: COUNT }, (_, i) => distinct[i % distinct.length]);
    const floor = medianMs(() => inputs.forEach((p) => new X509Certificate(p)), 5, 1);
    let decoded = 0;
    const value = medianMs(() => {
      decoded = 0;
      for (const p of inputs) decoded += decodeCertificates(p).certs.length;
    }, 5, 1);
    if (decoded !== COUNT) throw new Error(`decoded ${decoded} of ${COUNT} certificates`);
    return [
      {
        case: 'x509',
        figure: `decodeCertificates × ${COUNT.toLocaleString('en')} (ECDSA P-256, ${DISTINCT} distinct)`,
        value,
        floor,
        floorName: 'node:crypto new X509Certificate(pem)',
        unit: 'ms',
      },
    ];
  },
};
