/** Size limits a parser enforces before it trusts a message. */
export interface MessageLimits {
  /** Whole message, start line to the end of the body. */
  maxMessageBytes: number;
  /** One header row after unfolding. */
  maxHeaderBytes: number;
}

/** 64 KiB fits the largest UDP datagram; 8 KiB per header is far above any real Via/Contact/SDP-less row. */
export const defaultLimits: MessageLimits = { maxMessageBytes: 64 * 1024, maxHeaderBytes: 8 * 1024 };
