import { Type, type Static } from 'typebox';

// Text the server writes for people (a rule hit's reason, a warning's summary) is stored and returned in Chinese
// as before (exports, audit, partners read it); beside it goes this machine-readable form, so the web app can say
// the same in the reader's language. `params` hold the facts in neutral form: amounts in yuan, durations in
// seconds, codes (fraud type, channel, partner kind) rather than their Chinese names, 0/1 for a yes/no clause.
// Text a person typed (a note, a partner's remark, an indicator's reason) travels as a parameter, untranslated.

export const ServerTextParam = Type.Union([Type.String(), Type.Number()]);
export const ServerText = Type.Object({
  code: Type.String(),
  params: Type.Record(Type.String(), ServerTextParam),
});
export type ServerText = Static<typeof ServerText>;
export type ServerTextParams = Record<string, string | number>;

/**
 * Every code the server writes. The web app keeps a Chinese and an English text for each (a unit test fails when
 * one is missing); a code it does not know falls back to the stored Chinese text.
 */
export const SERVER_TEXT_CODES = [
  // engine rule hits (server/modules/engine/rules-*.ts), one code per rule or per wording of a rule
  'hit.listed_contact',
  'hit.foreign_call',
  'hit.fraud_url',
  'hit.fraud_app',
  'hit.screen_share_app',
  'hit.risky_app',
  'hit.impersonation_claim',
  'hit.script_text',
  'hit.script_phrases',
  'hit.listed_keyword',
  'hit.listed_account',
  'hit.call_then_transfer',
  'hit.call_then_transfer_later',
  'hit.script_then_transfer',
  'hit.app_then_transfer',
  'hit.counter_cash_on_call',
  'hit.first_large_transfer',
  'hit.new_payee_escalation',
  'hit.loan_burst',
  'hit.loans_then_cashout',
  'hit.repeated_withdrawals',
  'hit.contact_then_money',
  'hit.partner_alert',
  'hit.parcel_suspicious',
  // a warning entered by hand or pushed by the upstream centre without a summary of its own
  'hit.manual',
  'hit.upstream',
  'summary.manual',
  'summary.upstream',
  // a warning the system opens from what a person said (dissuasion/report-intake.ts, the 96110 desk in public/):
  // the person's words travel as a parameter
  'summary.reported_loss',
  'summary.desk_call',
] as const;
export type ServerTextCode = (typeof SERVER_TEXT_CODES)[number];

/** A text of the server in both forms: the stored Chinese and the code to render it in another language. */
export const text = (code: ServerTextCode, params: ServerTextParams = {}): ServerText => ({ code, params });
