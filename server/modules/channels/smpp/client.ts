import { EventEmitter } from 'node:events';
import smpp from 'smpp';
import {
  DATA_CODING_UCS2,
  ESM_DELIVERY_RECEIPT,
  parseReceipt,
  splitUcs2,
  ucs2Encode,
  type ReceiptStat,
} from './codec.ts';

/**
 * SMPP 3.4 ESME client for warning SMS (12381 style). One long-lived bind; receipts arrive on the same session
 * when bound as transceiver. Each part of a long message gets its own SMSC message id and its own receipt.
 * Every receipt is emitted with its message id. Within one process the client also maps ids back to the
 * caller's `ref` and aggregates the parts (a convenience); that map is memory, so a receipt arriving after a
 * restart has no ref: durable consumers store the message ids returned by `send` and match receipts on them
 * (the dissuasion workflow keeps them in `sms_parts`).
 */

export interface SmppClientOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** transmitter cannot receive receipts; use it only when the carrier gives a separate receiver bind */
  bindMode?: 'transceiver' | 'transmitter';
  sourceAddr?: string;
  /** udh: concatenated parts (widest handset support); payload: one submit_sm with message_payload TLV */
  longMode?: 'udh' | 'payload';
  enquireLinkMs?: number;
  responseTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
}

export interface SubmitResult {
  ref: string;
  messageIds: string[];
  segments: number;
}
export type MessageStatus = 'pending' | 'delivered' | 'failed';
export interface DeliveryReport {
  ref: string | undefined; // undefined: receipt for an id this process did not submit (e.g. before a restart)
  messageId: string;
  stat: ReceiptStat;
  err: string;
  messageStatus: MessageStatus;
  at: number;
}

export class SmppError extends Error {
  constructor(
    readonly code: string,
    readonly commandStatus?: number,
  ) {
    super(`${code}${commandStatus !== undefined ? ` (0x${commandStatus.toString(16)})` : ''}`);
  }
}

const FINAL_OK: ReceiptStat = 'DELIVRD';
const PENDING: readonly ReceiptStat[] = ['ENROUTE', 'ACCEPTD'];
const STATE_TO_STAT: Record<number, ReceiptStat> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export class SmppClient extends EventEmitter {
  private session: smpp.Session | null = null;
  private bound = false;
  private stopped = false;
  private attempts = 0;
  private concatRef = Math.floor(Math.random() * 256);
  private seq = 0;
  private enquireTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly idToRef = new Map<string, string>();
  /** per ref: how many parts the message has, and each submitted part's latest receipt */
  private readonly parts = new Map<string, { total: number; stats: Map<string, ReceiptStat | null> }>();

  constructor(private readonly o: SmppClientOptions) {
    super();
  }

  get isBound(): boolean {
    return this.bound;
  }

  /** First bind. A rejected bind is not retried: hammering a carrier with bad credentials gets the account locked. */
  connect(): Promise<void> {
    this.stopped = false;
    return this.open();
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = smpp.connect({ host: this.o.host, port: this.o.port });
      this.session = s;
      let settled = false;
      const fail = (e: Error) => {
        if (!settled) {
          settled = true;
          reject(e);
        }
      };
      s.on('error', (e: Error) => fail(e));
      s.on('close', () => {
        fail(new SmppError('connection_closed'));
        this.onClosed(s);
      });
      s.on('deliver_sm', (pdu: smpp.PDU) => this.onDeliver(s, pdu));
      s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
      s.on('unbind', (pdu: smpp.PDU) => {
        s.send(pdu.response());
        s.close();
      });
      s.on('connect', () => {
        const cmd = this.o.bindMode === 'transmitter' ? 'bind_transmitter' : 'bind_transceiver';
        s.send(
          new smpp.PDU(cmd, { system_id: this.o.systemId, password: this.o.password, interface_version: 0x34 }),
          (resp) => {
            if (resp.command_status !== smpp.ESME_ROK) {
              this.stopped = true;
              fail(new SmppError('bind_rejected', resp.command_status));
              s.close();
              return;
            }
            this.bound = true;
            this.attempts = 0;
            this.startEnquireLink(s);
            settled = true;
            this.emit('bound');
            resolve();
          },
        );
      });
    });
  }

  private onClosed(s: smpp.Session): void {
    if (this.session !== s) return;
    this.bound = false;
    this.session = null;
    if (this.enquireTimer) clearInterval(this.enquireTimer);
    this.enquireTimer = null;
    this.emit('unbound');
    if (this.stopped) return;
    // exponential backoff so a carrier outage is not met with a connection storm
    const min = this.o.reconnectMinMs ?? 1_000;
    const delay = Math.min(min * 2 ** this.attempts++, this.o.reconnectMaxMs ?? 30_000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.open().catch(() => undefined); // a failed attempt closes and schedules the next one
    }, delay);
  }

  /** enquire_link keeps NAT/firewall state alive and detects a half-open TCP link the OS would not report. */
  private startEnquireLink(s: smpp.Session): void {
    const every = this.o.enquireLinkMs ?? 30_000;
    this.enquireTimer = setInterval(() => {
      const t = setTimeout(() => s.destroy(), this.o.responseTimeoutMs ?? 10_000);
      s.send(new smpp.PDU('enquire_link'), () => clearTimeout(t));
    }, every);
  }

  private request(pdu: smpp.PDU, onAccepted?: (resp: smpp.PDU) => void): Promise<smpp.PDU> {
    const s = this.session;
    if (!s || !this.bound) return Promise.reject(new SmppError('not_bound'));
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new SmppError('response_timeout')), this.o.responseTimeoutMs ?? 10_000);
      const sent = s.send(pdu, (resp) => {
        clearTimeout(t);
        if (resp.command_status !== smpp.ESME_ROK) reject(new SmppError('submit_rejected', resp.command_status));
        else {
          onAccepted?.(resp);
          resolve(resp);
        }
      });
      if (!sent) {
        clearTimeout(t);
        reject(new SmppError('not_bound'));
      }
    });
  }

  /** Submit one logical SMS. `ref` is the caller's attempt id and comes back on every receipt. */
  async send(msg: { to: string; text: string; ref?: string; from?: string }): Promise<SubmitResult> {
    const ref = msg.ref ?? `sms-${Date.now()}-${++this.seq}`;
    const base = {
      source_addr: msg.from ?? this.o.sourceAddr ?? '',
      destination_addr: msg.to,
      data_coding: DATA_CODING_UCS2,
      registered_delivery: 1,
    };
    const pdus: smpp.PDU[] = [];
    if (this.o.longMode === 'payload') {
      pdus.push(new smpp.PDU('submit_sm', { ...base, message_payload: ucs2Encode(msg.text) }));
    } else {
      this.concatRef = (this.concatRef + 1) & 0xff;
      for (const seg of splitUcs2(msg.text, this.concatRef)) {
        const short = seg.udh ? Buffer.concat([seg.udh, seg.payload]) : seg.payload;
        pdus.push(new smpp.PDU('submit_sm', { ...base, esm_class: seg.udh ? 0x40 : 0, short_message: short }));
      }
    }
    const ids: string[] = [];
    const partState = new Map<string, ReceiptStat | null>();
    this.parts.set(ref, { total: pdus.length, stats: partState });
    for (const pdu of pdus) {
      // register synchronously in the response callback: a fast SMSC's receipt can sit in the same TCP read
      await this.request(pdu, (resp) => {
        const id = String(resp.message_id);
        ids.push(id);
        this.idToRef.set(id, ref);
        if (!partState.has(id)) partState.set(id, null);
      });
    }
    return { ref, messageIds: ids, segments: pdus.length };
  }

  private onDeliver(s: smpp.Session, pdu: smpp.PDU): void {
    s.send(pdu.response());
    if (!(Number(pdu.esm_class) & ESM_DELIVERY_RECEIPT)) return; // mobile-originated replies are not handled here
    const sm = pdu.short_message as { message?: string | Buffer } | undefined;
    const parsed = parseReceipt(String(sm?.message ?? ''));
    const messageId = (pdu.receipted_message_id ? String(pdu.receipted_message_id) : parsed?.id) ?? '';
    const stat =
      (pdu.message_state !== undefined ? STATE_TO_STAT[Number(pdu.message_state)] : undefined) ?? parsed?.stat;
    if (!messageId || !stat) return;
    const ref = this.idToRef.get(messageId);
    let messageStatus: MessageStatus = stat === FINAL_OK ? 'delivered' : PENDING.includes(stat) ? 'pending' : 'failed';
    const state = ref ? this.parts.get(ref) : undefined;
    if (state) {
      // A fast SMSC receipts a part before the next part is even submitted: the message is delivered only once
      // all of its parts are submitted and delivered; it has failed as soon as one part has.
      state.stats.set(messageId, stat);
      const all = [...state.stats.values()];
      if (all.some((v) => v !== null && v !== FINAL_OK && !PENDING.includes(v))) messageStatus = 'failed';
      else messageStatus = all.length === state.total && all.every((v) => v === FINAL_OK) ? 'delivered' : 'pending';
      if (all.length === state.total && all.every((v) => v !== null && !PENDING.includes(v))) {
        for (const id of state.stats.keys()) this.idToRef.delete(id);
        this.parts.delete(ref!);
      }
    }
    const report: DeliveryReport = { ref, messageId, stat, err: parsed?.err ?? '', messageStatus, at: Date.now() };
    this.emit('receipt', report);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const s = this.session;
    if (!s) return;
    if (this.bound) await this.request(new smpp.PDU('unbind')).catch(() => undefined);
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        s.destroy();
        resolve();
      }, 2_000);
      s.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      if (s.socket.destroyed) {
        clearTimeout(t);
        resolve();
      } else s.close();
    });
  }
}
