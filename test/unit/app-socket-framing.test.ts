// The app socket's framing: JSON lines cut right wherever the chunks split them, a line past the limit refused once
// and nothing read after it, and a socket path too long for the kernel's sun_path named as unusable.
import { describe, expect, it } from 'vitest';
import { appSocketPath } from '../../electron/main/host/app-socket-path';
import { jsonLineReader } from '../../electron/main/host/json-lines';

function reader(maxBytes: number) {
  const lines: string[] = [];
  let oversize = 0;
  const read = jsonLineReader(
    maxBytes,
    (line) => lines.push(line),
    () => (oversize += 1),
  );
  return { read, lines, oversize: () => oversize };
}

describe('jsonLineReader', () => {
  it('gives whole lines however the chunks fall, a character split across two chunks included', () => {
    const { read, lines } = reader(64);
    const bytes = Buffer.from('{"a":1}\n\n{"b":"é"}\n{"c"');
    const split = bytes.indexOf(Buffer.from('é')) + 1; // inside the two bytes of é
    read(bytes.subarray(0, split));
    read(bytes.subarray(split));
    read(Buffer.from(':3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":"é"}', '{"c":3}']);
  });

  it('refuses a line past the limit once, with or without its end, and reads nothing after it', () => {
    const unended = reader(8);
    unended.read(Buffer.from('12345'));
    unended.read(Buffer.from('67890'));
    unended.read(Buffer.from('\n{"late":1}\n'));
    expect(unended.oversize()).toBe(1);
    expect(unended.lines).toEqual([]);

    const ended = reader(8);
    ended.read(Buffer.from('{"ok":1}\n123456789\n{"late":1}\n'));
    expect(ended.lines).toEqual(['{"ok":1}']);
    expect(ended.oversize()).toBe(1);
  });
});

describe('appSocketPath', () => {
  const dirOfLength = (total: number) => `/${'d'.repeat(total - '/app.sock'.length - 1)}`;

  it('fits 103 bytes on macOS and 107 on Linux (sun_path with its closing NUL), no more', () => {
    expect(appSocketPath(dirOfLength(103), 'darwin')).toMatchObject({ usable: true });
    expect(appSocketPath(dirOfLength(104), 'darwin')).toMatchObject({
      usable: false,
      why: expect.stringContaining('104 bytes'),
    });
    expect(appSocketPath(dirOfLength(107), 'linux')).toMatchObject({ usable: true });
    expect(appSocketPath(dirOfLength(108), 'linux')).toMatchObject({ usable: false });
  });
});
