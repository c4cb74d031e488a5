/**
 * CMS (RFC 5652) pieces for PAdES baseline signatures, built and parsed with node-forge's ASN.1
 * layer only. forge.pkcs7 is not used: it cannot verify, always adds signing-time and does not
 * DER-sort SET OF, all of which PAdES-B-B needs done differently (SIGNING.md §4.1.3).
 */
import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

import { AppError } from '../../../lib/errors.js';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

const UNIVERSAL = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
const T = asn1.Type;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

/** Digest OIDs we understand, mapped to node:crypto hash names. */
export const DIGEST_NAMES: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

const node = (cls: forge.asn1.Class, type: number, constructed: boolean, value: string | Asn1[]): Asn1 =>
  asn1.create(cls, type, constructed, value);
const oid = (o: string): Asn1 => node(UNIVERSAL, T.OID, false, asn1.oidToDer(o).getBytes());
const seq = (v: Asn1[]): Asn1 => node(UNIVERSAL, T.SEQUENCE, true, v);
const set = (v: Asn1[]): Asn1 => node(UNIVERSAL, T.SET, true, v);
const nul = (): Asn1 => node(UNIVERSAL, T.NULL, false, '');
const octets = (b: Buffer): Asn1 => node(UNIVERSAL, T.OCTETSTRING, false, b.toString('binary'));
const int = (n: number): Asn1 => node(UNIVERSAL, T.INTEGER, false, asn1.integerToDer(n).getBytes());

/** DER bytes of a forge ASN.1 node. */
export const toDer = (n: Asn1): Buffer => Buffer.from(asn1.toDer(n).getBytes(), 'binary');

/** Parse DER; `allowTrailing` for /Contents, which is zero-padded up to the placeholder size. */
export function fromDer(der: Buffer, allowTrailing = false): Asn1 {
  return fromDerWithOptions(der.toString('binary'), { parseAllBytes: !allowTrailing, decodeBitStrings: false, strict: true });
}

/**
 * forge's fromDer accepts an options object at run time, but its type declarations only know the
 * old boolean; decodeBitStrings false keeps BIT STRINGs (keys, signatures) as raw bytes.
 */
export const fromDerWithOptions = asn1.fromDer as unknown as (
  bytes: string,
  options: { parseAllBytes?: boolean; decodeBitStrings?: boolean; strict?: boolean },
) => Asn1;

/**
 * A SET OF in DER must list its elements sorted by their encodings (X.690 §11.6); forge keeps
 * insertion order, and validators that re-encode the signed attributes would then hash other bytes.
 */
export function derSortedSet(items: Asn1[]): Asn1 {
  const encoded = items.map((item) => ({ item, der: toDer(item) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return set(encoded.map((e) => e.item));
}

/** The parts of an X.509 certificate the CMS needs, taken from its own ASN.1 (never re-encoded). */
export type CertificateParts = {
  der: Buffer;
  node: Asn1;
  issuer: Asn1;
  serial: Asn1;
  keyType: 'rsa' | 'ec';
};

/**
 * Split a DER certificate into the nodes the CMS refers to.
 * @throws AppError UNPROCESSABLE when the bytes are not a DER certificate with an RSA or EC key.
 */
export function certificateParts(der: Buffer): CertificateParts {
  let parsed: Asn1;
  let keyType: string | undefined;
  try {
    parsed = fromDer(der);
    keyType = new X509Certificate(der).publicKey.asymmetricKeyType;
  } catch (cause) {
    throw new AppError('UNPROCESSABLE', { message: 'the signing certificate is not a valid X.509 certificate', cause });
  }
  // Embedding goes through forge's re-encoder; refuse anything it would not reproduce byte for byte.
  if (!toDer(parsed).equals(der)) {
    throw new AppError('UNPROCESSABLE', { message: 'certificate is not DER-encoded' });
  }
  if (keyType !== 'rsa' && keyType !== 'ec') {
    throw new AppError('UNPROCESSABLE', { message: `unsupported certificate key type ${keyType ?? 'unknown'}` });
  }
  const tbs = (parsed.value as Asn1[])[0].value as Asn1[];
  const i = tbs[0].tagClass === CONTEXT ? 1 : 0; // skip the [0] version
  return { der, node: parsed, serial: tbs[i], issuer: tbs[i + 2], keyType };
}

/**
 * DER of the signed attributes as a SET (tag 0x31): exactly the bytes the private key signs.
 * Attributes are PAdES-B-B: content-type, message-digest, ESS signing-certificate-v2; no
 * signing-time (EN 319 142-1 forbids it; the claimed time is the /M entry).
 */
export function buildSignedAttributes({ messageDigest, certificate }: { messageDigest: Buffer; certificate: CertificateParts }): Buffer {
  const certHash = createHash('sha256').update(certificate.der).digest();
  const essCertIdV2 = seq([
    // hashAlgorithm omitted: DEFAULT sha256 must not be encoded in DER.
    octets(certHash),
    seq([seq([node(CONTEXT, 4, true, [certificate.issuer])]), certificate.serial]),
  ]);
  return toDer(
    derSortedSet([
      seq([oid(OID.contentType), set([oid(OID.data)])]),
      seq([oid(OID.messageDigest), set([octets(messageDigest)])]),
      seq([oid(OID.signingCertificateV2), set([seq([seq([essCertIdV2])])])]),
    ]),
  );
}

export type BuildCmsOptions = {
  /** DER SET from buildSignedAttributes. */
  signedAttributes: Buffer;
  /** Signature value over `signedAttributes` (PKCS#1 v1.5 for RSA, DER ECDSA-Sig-Value for EC). */
  signature: Buffer;
  certificate: CertificateParts;
  chain: CertificateParts[];
  /** RFC 3161 TimeStampToken over the signature value (PAdES B-T). */
  timeStampToken?: Buffer;
};

/** Assemble the detached SignedData ContentInfo (DER) that goes into /Contents. */
export function buildCms({ signedAttributes, signature, certificate, chain, timeStampToken }: BuildCmsOptions): Buffer {
  const attrsSet = fromDer(signedAttributes);
  const signatureAlgorithm = certificate.keyType === 'rsa' ? seq([oid(OID.rsaEncryption), nul()]) : seq([oid(OID.ecdsaWithSha256)]);
  const unsigned = timeStampToken
    ? [node(CONTEXT, 1, true, [seq([oid(OID.signatureTimeStampToken), set([fromDer(timeStampToken)])])])]
    : [];
  const signerInfo = seq([
    int(1),
    seq([certificate.issuer, certificate.serial]), // sid = IssuerAndSerialNumber
    seq([oid(OID.sha256), nul()]),
    node(CONTEXT, 0, true, attrsSet.value as Asn1[]), // [0] IMPLICIT: same content, other tag
    signatureAlgorithm,
    octets(signature),
    ...unsigned,
  ]);
  const signedData = seq([
    int(1),
    set([seq([oid(OID.sha256), nul()])]),
    seq([oid(OID.data)]), // detached: no eContent
    node(CONTEXT, 0, true, derSortedSet([certificate.node, ...chain.map((c) => c.node)]).value as Asn1[]),
    set([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), node(CONTEXT, 0, true, [signedData])]));
}

// ---------------------------------------------------------------------------------------------
// Parsing (verification)

export type ParsedSignerInfo = {
  certificates: Buffer[];
  digestOid: string;
  /** DER of the signed attributes re-tagged as SET (what was signed), or undefined when absent. */
  signedAttributes?: Buffer;
  attributes: Map<string, Asn1[]>;
  unsignedAttributes: Map<string, Asn1[]>;
  signatureAlgorithmOid: string;
  signature: Buffer;
  sidIssuer?: Buffer;
  sidSerial?: Buffer;
  sidKeyId?: Buffer;
};

const bytesOf = (n: Asn1): Buffer => Buffer.from(n.value as string, 'binary');
const oidOf = (n: Asn1): string => asn1.derToOid(n.value as string);

function attributeMap(nodes: Asn1[]): Map<string, Asn1[]> {
  const map = new Map<string, Asn1[]>();
  for (const attr of nodes) {
    const [type, values] = attr.value as Asn1[];
    map.set(oidOf(type), values.value as Asn1[]);
  }
  return map;
}

/**
 * Parse a detached SignedData (first SignerInfo only, as PDF signatures have one).
 * @throws Error when the structure is not a SignedData.
 */
export function parseSignedData(der: Buffer): ParsedSignerInfo {
  const contentInfo = fromDer(der, true).value as Asn1[];
  if (oidOf(contentInfo[0]) !== OID.signedData) throw new Error('not a CMS SignedData');
  const sd = ((contentInfo[1].value as Asn1[])[0].value as Asn1[]).slice(1);
  const certificates: Buffer[] = [];
  let signerInfos: Asn1 | undefined;
  for (const part of sd) {
    if (part.tagClass === CONTEXT && part.type === 0) {
      for (const c of part.value as Asn1[]) if (c.tagClass === UNIVERSAL && c.type === T.SEQUENCE) certificates.push(toDer(c));
    } else if (part.tagClass === UNIVERSAL && part.type === T.SET) {
      signerInfos = part; // the digestAlgorithms SET comes first and is overwritten by the signerInfos SET
    }
  }
  const si = (signerInfos?.value as Asn1[] | undefined)?.[0]?.value as Asn1[] | undefined;
  if (!si) throw new Error('CMS has no SignerInfo');

  const parsed: Partial<ParsedSignerInfo> = { certificates, attributes: new Map(), unsignedAttributes: new Map() };
  const sid = si[1];
  if (sid.tagClass === CONTEXT) parsed.sidKeyId = bytesOf(sid);
  else {
    const [issuer, serial] = sid.value as Asn1[];
    parsed.sidIssuer = toDer(issuer);
    parsed.sidSerial = toDer(serial);
  }
  parsed.digestOid = oidOf((si[2].value as Asn1[])[0]);
  let i = 3;
  if (si[i].tagClass === CONTEXT && si[i].type === 0) {
    const attrs = si[i].value as Asn1[];
    parsed.attributes = attributeMap(attrs);
    const reTagged = toDer(si[i]);
    reTagged[0] = 0x31; // [0] IMPLICIT -> SET, the form that was signed (RFC 5652 §5.4)
    parsed.signedAttributes = reTagged;
    i++;
  }
  parsed.signatureAlgorithmOid = oidOf((si[i].value as Asn1[])[0]);
  parsed.signature = bytesOf(si[i + 1]);
  const unsigned = si[i + 2];
  if (unsigned && unsigned.tagClass === CONTEXT && unsigned.type === 1) {
    parsed.unsignedAttributes = attributeMap(unsigned.value as Asn1[]);
  }
  return parsed as ParsedSignerInfo;
}

/** Octets of a single-valued OCTET STRING attribute (message-digest). */
export function octetAttribute(values: Asn1[] | undefined): Buffer | undefined {
  const v = values?.[0];
  return v && v.type === T.OCTETSTRING ? bytesOf(v) : undefined;
}

/**
 * First cert hash of an ESS signing-certificate(-v2) attribute with the hash name to use.
 * v1 (RFC 2634) is always SHA-1; v2 (RFC 5035) defaults to SHA-256.
 */
export function essCertHash(attrs: Map<string, Asn1[]>): { hash: Buffer; algorithm: string } | undefined {
  const v2 = attrs.get(OID.signingCertificateV2)?.[0];
  if (v2) {
    const certId = ((v2.value as Asn1[])[0].value as Asn1[])[0].value as Asn1[];
    if (certId[0].type === T.SEQUENCE) {
      const algorithm = DIGEST_NAMES[oidOf((certId[0].value as Asn1[])[0])];
      return algorithm ? { hash: bytesOf(certId[1]), algorithm } : undefined;
    }
    return { hash: bytesOf(certId[0]), algorithm: 'sha256' };
  }
  const v1 = attrs.get(OID.signingCertificate)?.[0];
  if (v1) {
    const certId = ((v1.value as Asn1[])[0].value as Asn1[])[0].value as Asn1[];
    return { hash: bytesOf(certId[0]), algorithm: 'sha1' };
  }
  return undefined;
}

/** The signing-time attribute (only legacy adbe.pkcs7.detached signatures carry one). */
export function signingTimeAttribute(attrs: Map<string, Asn1[]>): Date | undefined {
  const v = attrs.get(OID.signingTime)?.[0];
  if (!v) return undefined;
  return v.type === T.UTCTIME ? asn1.utcTimeToDate(v.value as string) : asn1.generalizedTimeToDate(v.value as string);
}

/** Time and message imprint of an RFC 3161 TimeStampToken (a SignedData over TSTInfo). */
export function parseTimeStampToken(token: Asn1 | Buffer): { genTime: Date; imprint: Buffer; imprintAlgorithm: string; nonce?: string } {
  const ci = (Buffer.isBuffer(token) ? fromDer(token, true) : token).value as Asn1[];
  const sd = (ci[1].value as Asn1[])[0].value as Asn1[];
  const encap = sd[2].value as Asn1[];
  if (oidOf(encap[0]) !== OID.tstInfo) throw new Error('time-stamp token does not hold a TSTInfo');
  const wrapped = (encap[1].value as Asn1[])[0];
  // eContent is an OCTET STRING holding TSTInfo; forge may have decoded it as constructed already.
  const tst = (typeof wrapped.value === 'string' ? fromDer(bytesOf(wrapped)) : (wrapped.value as Asn1[])[0]).value as Asn1[];
  const [algId, hashed] = tst[2].value as Asn1[];
  const nonceNode = tst.slice(5).find((n) => n.tagClass === UNIVERSAL && n.type === T.INTEGER);
  return {
    genTime: asn1.generalizedTimeToDate(tst[4].value as string),
    imprint: bytesOf(hashed),
    imprintAlgorithm: oidOf((algId.value as Asn1[])[0]),
    nonce: nonceNode ? forge.util.bytesToHex(nonceNode.value as string) : undefined,
  };
}

/** Re-exported for the TSA client so all ASN.1 construction shares one set of helpers. */
export const der = { node, oid, seq, set, nul, octets, int, UNIVERSAL, CONTEXT, T };
