/**
 * The private-key operation behind every PDF signature. A software key, a USB token bridge or a
 * remote signing service all fit: the PDF layer only needs the certificates and a way to sign.
 */
export type Signer = {
  /** The signer's certificate, DER. */
  certificate: Buffer;
  /** Issuer certificates (DER), leaf's issuer first; embedded in the CMS for chain building. */
  chain: Buffer[];
  /**
   * Sign `tbs` (the DER of the signed-attributes SET) with SHA-256: RSASSA-PKCS1-v1_5 for RSA
   * keys, DER-encoded ECDSA for EC keys. The implementation hashes `tbs` itself.
   */
  sign(tbs: Buffer): Promise<Buffer>;
};
