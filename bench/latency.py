#!/usr/bin/env python3
"""Per-message latency of a relay, read from a loopback capture (tcpdump -w).

    latency.py CAPTURE.pcap MTA_PORT SINK_PORT

Follows every SMTP connection into the MTA (MTA_PORT) and from the MTA to the
smarthost (SINK_PORT) and matches the two copies of each message by their
Message-Id header (smtp-source gives every message its own). For each message:

  accept: the client's end of DATA ("<CRLF>.<CRLF>") to the MTA's reply
  relay:  the client's end of DATA to the smarthost's reply to the relayed copy

Prints one line: matched-messages accept-p50 accept-p99 relay-p50 relay-p99
(milliseconds, nearest-rank percentiles). Standard library only.
"""
import bisect
import math
import re
import struct
import sys

END_OF_DATA = b"\r\n.\r\n"
MESSAGE_ID = re.compile(rb"^Message-Id:[ \t]*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)
LINK_HEADER = {1: 14, 113: 16, 276: 20}  # Ethernet (lo), Linux cooked v1 and v2
MASK, HALF = 0xFFFFFFFF, 0x80000000  # TCP sequence numbers wrap


def packets(path):
    """(time, index, src, sport, dst, dport, seq, flags, payload) of every IPv4 TCP packet."""
    with open(path, "rb") as capture:
        header = capture.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            endian = ">"
        else:
            sys.exit(f"{path}: not a pcap file (tcpdump -w writes one)")
        nanos = magic in (0xA1B23C4D, 0x4D3CB2A1)
        link = struct.unpack(endian + "I", header[20:24])[0]
        if link not in LINK_HEADER:
            sys.exit(f"{path}: link type {link} is not supported; capture on lo")
        skip = LINK_HEADER[link]
        index = 0
        while True:
            record = capture.read(16)
            if len(record) < 16:
                return
            seconds, fraction, stored, _ = struct.unpack(endian + "IIII", record)
            frame = capture.read(stored)
            index += 1
            ip = frame[skip:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 6:
                continue
            ip_length = (ip[0] & 0x0F) * 4
            total = struct.unpack("!H", ip[2:4])[0]
            tcp = ip[ip_length:total]
            if len(tcp) < 20:
                continue
            sport, dport, seq = struct.unpack("!HHI", tcp[:8])
            tcp_length = (tcp[12] >> 4) * 4
            time = seconds + fraction / (1e9 if nanos else 1e6)
            yield time, index, ip[12:16], sport, ip[16:20], dport, seq, tcp[13], tcp[tcp_length:]


class Stream:
    """One direction of one connection: its bytes in order, and when each packet of them was seen."""

    def __init__(self, seq=None):
        """From a SYN's sequence number; or, for a connection opened before the capture, from its first packet."""
        self.next = None if seq is None else (seq + 1) & MASK
        self.data = bytearray()
        self.ends = []  # per packet, in capture order: the offset after it
        self.times = []
        self.indices = []  # capture index

    def add(self, seq, payload, time, index):
        end = (seq + len(payload)) & MASK
        behind = (self.next - seq) & MASK if self.next is not None else HALF
        if behind < HALF:  # starts at or before what came already (a retransmission): keep what is new
            if behind >= len(payload):
                return
            payload = payload[behind:]
        self.data += payload
        self.ends.append(len(self.data))
        self.times.append(time)
        self.indices.append(index)
        self.next = end

    def packet_at(self, offset):
        """(time, capture index) of the packet that carried the byte before offset."""
        packet = bisect.bisect_left(self.ends, offset)
        return self.times[packet], self.indices[packet]

    def first_after(self, index):
        """Time of the first packet of this stream captured after capture index, or None."""
        packet = bisect.bisect_right(self.indices, index)
        return self.times[packet] if packet < len(self.times) else None


def connections(path, port):
    """[client stream, server stream] of every connection to port, a new pair for each SYN."""
    opened = {}
    for time, index, src, sport, dst, dport, seq, flags, payload in packets(path):
        if dport == port:
            key, side = (src, sport), 0
        elif sport == port:
            key, side = (dst, dport), 1
        else:
            continue
        if flags & 0x02:  # SYN
            if side == 0:
                opened[key] = opened.get(key, []) + [[Stream(seq), None]]
            elif key in opened:
                opened[key][-1][1] = Stream(seq)
            continue
        if not payload:
            continue
        if key not in opened:  # opened before the capture started
            opened[key] = [[Stream(), Stream()]]
        pair = opened[key][-1]
        if pair[side] is not None:
            pair[side].add(seq, payload, time, index)
    return [pair for pairs in opened.values() for pair in pairs if pair[1] is not None]


def transactions(path, port):
    """{Message-Id: (end of DATA time, reply time)} of the messages sent to port."""
    found = {}
    for client, server in connections(path, port):
        start = 0
        data = bytes(client.data)
        while True:
            end = data.find(END_OF_DATA, start)
            if end < 0:
                break
            ids = MESSAGE_ID.findall(data, start, end)
            time, index = client.packet_at(end + len(END_OF_DATA))
            reply = server.first_after(index)
            if ids and reply is not None:
                found[ids[0]] = (time, reply)
            start = end + len(END_OF_DATA)
    return found


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, mta, sink = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    received = transactions(path, mta)
    relayed = transactions(path, sink)
    accept, relay = [], []
    for message, (sent, accepted) in received.items():
        if message in relayed:
            accept.append((accepted - sent) * 1000)
            relay.append((relayed[message][1] - sent) * 1000)
    if not accept:
        print("0 - - - -")
        return
    figures = (percentile(accept, 0.5), percentile(accept, 0.99), percentile(relay, 0.5), percentile(relay, 0.99))
    print(len(accept), " ".join("%.2f" % figure for figure in figures))


if __name__ == "__main__":
    main()
