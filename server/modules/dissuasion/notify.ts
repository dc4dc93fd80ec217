import { EventEmitter } from 'node:events';

/**
 * Officer notifications inside the console: one in-process hub, fanned out to SSE streams. A subscriber sees
 * an event when the event's unit lies in its subtree (unit path prefix), or when it is addressed to them.
 * Several API nodes would put this behind NATS; one process needs nothing more.
 */
export interface Notice {
  kind:
    | 'warning_changed'
    | 'notify_unit'
    | 'notify_officer'
    | 'notify_supervisor'
    | 'warned_then_defrauded'
    | 'order_overdue';
  /** the warning the notice is about ('' for an order's notice) */
  warningId: string;
  /** an order to a bank not answered in time (orders module, `order.overdue`) and its case */
  orderId?: string;
  caseId?: string;
  /** path of the unit the notice is about: subscribers whose unit path prefixes it receive it */
  unitPath: string;
  userId?: string;
  status?: string;
  level?: string;
  urgent?: boolean;
  reason?: string;
  at: string;
}

export interface Subscriber {
  userId: string;
  unitPath: string;
  send(n: Notice): void;
}

export class NotificationHub {
  private readonly subs = new Set<Subscriber>();
  private readonly bus = new EventEmitter();

  subscribe(s: Subscriber): () => void {
    this.subs.add(s);
    return () => this.subs.delete(s);
  }

  publish(n: Notice): number {
    let delivered = 0;
    for (const s of this.subs) {
      const mine = n.userId ? s.userId === n.userId : n.unitPath.startsWith(s.unitPath);
      if (mine) {
        s.send(n);
        delivered++;
      }
    }
    this.bus.emit('notice', n);
    return delivered;
  }

  /** For tests and metrics: every notice, unscoped. */
  onNotice(fn: (n: Notice) => void): () => void {
    this.bus.on('notice', fn);
    return () => this.bus.off('notice', fn);
  }

  get size(): number {
    return this.subs.size;
  }
}
