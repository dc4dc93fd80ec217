// The cases module's domain events (brief appendix; payload field names are a contract between modules).
// Published with platform/events `publish` in the transaction of the change (service.ts).
// Identifier values carry the canonical key (identifiers/keys.ts) and the raw value; consumers mask when they present.

export interface CaseRecordedPayment {
  paymentId: string;
  paidAt: string;
  amount: number;
  fromAccount?: string;
  toAccount: string;
  toName?: string;
  toBank?: string;
  channel?: string;
}

export interface CaseRecorded {
  caseId: string;
  unitId: string;
  reportedAt: string;
  fraudTypes: string[];
  loss: number;
  victim: { name: string; phone?: string; phoneKey?: string; idNumberKey?: string };
  identifiers: { kind: string; key: string; value: string }[];
  payments: CaseRecordedPayment[];
  fromWarningId?: string;
}

export interface CaseEvents {
  /** a case was recorded (intake): orders drafts a 紧急止付 per payment from it */
  'case.recorded': CaseRecorded;
  /** the same shape after an edit (payments or identifiers added) */
  'case.updated': CaseRecorded;
}
export type CaseEventName = keyof CaseEvents;

declare module '../../platform/events/index.ts' {
  interface EventMap {
    'case.recorded': CaseRecorded;
    'case.updated': CaseRecorded;
  }
}
