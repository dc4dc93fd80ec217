// Minimal typings for the untyped `smpp` package (node-smpp 0.5): only what this module uses.
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(options?: Record<string, unknown>): PDU;
    isResponse(): boolean;
  }
  export const PDU: { new (command: string, options?: Record<string, unknown>): PDU };
  export interface Session extends EventEmitter {
    send(pdu: PDU, onResponse?: (resp: PDU) => void): boolean;
    close(cb?: () => void): void;
    destroy(cb?: () => void): void;
    pause(): void;
    resume(): void;
    socket: import('node:net').Socket;
  }
  export interface Server extends NetServer {
    sessions: Session[];
  }
  export function connect(
    options: { host: string; port: number; auto_enquire_link_period?: number },
    listener?: () => void,
  ): Session;
  export function createServer(options: Record<string, unknown>, listener?: (s: Session) => void): Server;
  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVBNDSTS: number;
  export const ESME_RSYSERR: number;
}
