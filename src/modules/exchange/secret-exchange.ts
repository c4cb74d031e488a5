import { AppError } from '../../lib/errors.js';
import type { DocumentRow } from '../documents/document-records.service.js';

const SECRECY_LABEL: Record<string, string> = { secret: 'mật', top_secret: 'tối mật', absolute_secret: 'tuyệt mật' };

/**
 * Why a secret document may not leave this deployment, as the refusal says it. Exchange between
 * agencies runs over ordinary networks (the national axis, a peer's HTTPS endpoint), which these
 * rules keep state secrets off; recipients inside the deployment are reached without the network.
 */
export function secretExchangeRule(confidentiality: string): string {
  return (
    `a secret document (${SECRECY_LABEL[confidentiality] ?? confidentiality}) is never sent to a remote peer: ` +
    'Quyết định 28/2018/QĐ-TTg on sending and receiving electronic documents excludes documents with state-secret content, ' +
    'the Law on Protection of State Secrets 2018 forbids sending state secrets over ordinary networks, and vanthu has no channel approved for them ' +
    '(send it outside the system; recipients inside this deployment can receive it)'
  );
}

/**
 * Refuses to send a secret document to remote recipients (dispatch, update, replay): nothing of it
 * may go to a peer. `remoteRecipients`: the organ codes that would have received it.
 * @throws AppError SECRET_DOCUMENT_NOT_EXCHANGEABLE
 */
export function assertMayGoRemote(doc: Pick<DocumentRow, 'confidentiality'>, remoteRecipients: string[]): void {
  if (doc.confidentiality === 'normal' || remoteRecipients.length === 0) return;
  throw new AppError('SECRET_DOCUMENT_NOT_EXCHANGEABLE', {
    message: secretExchangeRule(doc.confidentiality),
    details: { confidentiality: doc.confidentiality, remoteRecipients },
  });
}
