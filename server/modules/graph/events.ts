// The events the graph module consumes, as agreed between helpers (BRIEF appendix). The publishing modules
// (cases, warnings, orders) declare them in their own events.ts; these are the shapes the graph relies on.
export interface CaseIdentifier {
  kind: string;
  key: string;
  value: string;
}
export interface CasePayment {
  paymentId: string;
  paidAt: string;
  amount: number;
  fromAccount?: string;
  toAccount: string;
  toName?: string;
  toBank?: string;
  channel?: string;
}
export interface CaseRecordedPayload {
  caseId: string;
  unitId: string;
  reportedAt: string;
  fraudTypes: string[];
  loss: number;
  victim: { name: string; phone?: string; phoneKey?: string; idNumberKey?: string };
  identifiers: CaseIdentifier[];
  payments: CasePayment[];
  fromWarningId?: string;
}
export interface WarningOpenedPayload {
  warningId: string;
  unitId: string;
  subjectKey: string;
  phone?: string;
  level: 'high' | 'medium' | 'low';
  fraudTypes: string[];
  source: string;
  openedAt: string;
}
export interface StatementReceivedPayload {
  orderId?: string;
  caseId: string;
  fileId: string;
  sha256: string;
  fileName: string;
  bank?: string;
  account?: string;
}
