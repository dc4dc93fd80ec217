import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { ESM_DELIVERY_RECEIPT, formatReceipt, parseConcat, smppDate, type ReceiptStat } from './codec.ts';

/**
 * A small SMSC for tests and the demo: accepts binds from known accounts, reassembles concatenated parts,
 * answers submit_sm with message ids and, when asked (registered_delivery), sends receipts back over the
 * session. It speaks real SMPP over TCP, so the client is tested against the wire format, not a mock.
 */

export interface SimulatorOptions {
  accounts: Record<string, string>; // system_id -> password
  receiptDelayMs?: number;
  /** outcome per destination, e.g. numbers ending in 4 fail; default delivered */
  receiptStat?: (to: string) => ReceiptStat;
}

export interface ReceivedSms {
  systemId: string;
  from: string;
  to: string;
  text: string;
  parts: number;
  messageIds: string[];
  receivedAt: number;
}

type Decoded = { udh?: Buffer[]; message?: string | Buffer } | undefined;
const MESSAGE_STATE: Record<ReceiptStat, number> = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};

export class SmppSimulator extends EventEmitter {
  readonly received: ReceivedSms[] = [];
  readonly binds: { systemId: string; ok: boolean }[] = [];
  private server: smpp.Server | null = null;
  private nextId = 0x1000;
  private pending = new Map<string, { parts: Map<number, string>; ids: string[]; total: number }>();
  private timers = new Set<NodeJS.Timeout>();
  /** receive-capable bound sessions per account, and receipts waiting for one (store and forward, as an SMSC does) */
  private readonly receivers = new Map<string, Set<smpp.Session>>();
  private readonly held = new Map<string, smpp.PDU[]>();

  constructor(private readonly opts: SimulatorOptions) {
    super();
  }

  async start(port = 0, host = '127.0.0.1'): Promise<number> {
    const server = smpp.createServer({}, (s) => this.onSession(s));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    const server = this.server;
    if (!server) return;
    for (const s of [...server.sessions]) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  /** Drop every live session, as a carrier restart would: the client must reconnect and rebind. */
  dropSessions(): void {
    for (const s of [...(this.server?.sessions ?? [])]) s.destroy();
  }

  private onSession(session: smpp.Session): void {
    let systemId: string | null = null;
    let canReceive = false;
    const bind = (pdu: smpp.PDU) => {
      const id = String(pdu.system_id ?? '');
      const ok = this.opts.accounts[id] !== undefined && this.opts.accounts[id] === String(pdu.password ?? '');
      this.binds.push({ systemId: id, ok });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        setImmediate(() => session.close());
        return;
      }
      systemId = id;
      canReceive = pdu.command !== 'bind_transmitter';
      session.send(pdu.response({ system_id: 'ZWSIM' }));
      if (!canReceive) return;
      const set = this.receivers.get(id) ?? new Set<smpp.Session>();
      set.add(session);
      this.receivers.set(id, set);
      session.on('close', () => set.delete(session));
      // receipts that fell due while no receiver was bound (e.g. the client restarted) go out now
      const waiting = this.held.get(id) ?? [];
      this.held.delete(id);
      for (const r of waiting) session.send(r);
    };
    session.on('bind_transmitter', bind);
    session.on('bind_transceiver', bind);
    session.on('bind_receiver', bind);
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      setImmediate(() => session.close());
    });
    session.on('deliver_sm_resp', () => undefined);
    session.on('error', () => undefined); // a client vanishing mid-PDU must not crash the simulator
    session.on('submit_sm', (pdu: smpp.PDU) => {
      if (!systemId) return void session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      const messageId = (this.nextId++).toString(16).toUpperCase();
      session.send(pdu.response({ message_id: messageId }));
      this.onSubmit(systemId, pdu, messageId);
      if (Number(pdu.registered_delivery) & 1 && canReceive) this.scheduleReceipt(systemId, pdu, messageId);
    });
  }

  private onSubmit(systemId: string, pdu: smpp.PDU, messageId: string): void {
    const from = String(pdu.source_addr ?? '');
    const to = String(pdu.destination_addr ?? '');
    const sm = pdu.short_message as Decoded;
    const payload = pdu.message_payload as Decoded;
    const text = String((payload?.message ?? sm?.message) || '');
    const concat = sm?.udh?.length ? parseConcat(Buffer.concat([Buffer.from([0]), ...sm.udh])) : null;
    const done = (full: string, parts: number, ids: string[]) => {
      const msg: ReceivedSms = { systemId, from, to, text: full, parts, messageIds: ids, receivedAt: Date.now() };
      this.received.push(msg);
      this.emit('message', msg);
    };
    if (!concat) return done(text, 1, [messageId]);
    const key = `${systemId}|${from}|${to}|${concat.ref}`;
    const entry = this.pending.get(key) ?? {
      parts: new Map<number, string>(),
      ids: [] as string[],
      total: concat.total,
    };
    entry.parts.set(concat.seq, text);
    entry.ids.push(messageId);
    this.pending.set(key, entry);
    if (entry.parts.size < entry.total) return;
    this.pending.delete(key);
    const full = [...entry.parts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map((p) => p[1])
      .join('');
    done(full, entry.total, entry.ids);
  }

  /**
   * The receipt goes to a receive-capable session of the same account when it falls due, not necessarily the
   * one that submitted: a real SMSC delivers receipts to whichever receiver is bound, and holds them meanwhile.
   */
  private scheduleReceipt(systemId: string, pdu: smpp.PDU, messageId: string): void {
    const to = String(pdu.destination_addr ?? '');
    const stat = this.opts.receiptStat?.(to) ?? 'DELIVRD';
    const submitted = Date.now();
    const t = setTimeout(() => {
      this.timers.delete(t);
      const text = formatReceipt({
        id: messageId,
        sub: 1,
        dlvrd: stat === 'DELIVRD' ? 1 : 0,
        submitDate: smppDate(submitted),
        doneDate: smppDate(Date.now()),
        stat,
        err: stat === 'DELIVRD' ? '000' : '001',
      });
      const receipt = new smpp.PDU('deliver_sm', {
        source_addr: to,
        destination_addr: String(pdu.source_addr ?? ''),
        esm_class: ESM_DELIVERY_RECEIPT,
        short_message: Buffer.from(text, 'ascii'),
        receipted_message_id: messageId,
        message_state: MESSAGE_STATE[stat],
      });
      const live = [...(this.receivers.get(systemId) ?? [])].find((x) => !x.socket.destroyed);
      if (live) live.send(receipt);
      else this.held.set(systemId, [...(this.held.get(systemId) ?? []), receipt]);
    }, this.opts.receiptDelayMs ?? 20);
    this.timers.add(t);
  }
}
