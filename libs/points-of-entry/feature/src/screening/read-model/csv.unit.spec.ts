import { csvField, toCsv } from './csv';

describe('CSV export', () => {
  it('writes a header row and one row per record, CRLF terminated', () => {
    const rows = [
      { pointOfEntry: 'TH-MAESOT', day: '2026-10-01', screenings: 3 },
      { pointOfEntry: 'TH-NONGKHAI', day: '2026-10-02', screenings: 0 },
    ];
    expect(toCsv(['pointOfEntry', 'day', 'screenings'], rows)).toBe(
      'pointOfEntry,day,screenings\r\nTH-MAESOT,2026-10-01,3\r\nTH-NONGKHAI,2026-10-02,0\r\n',
    );
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('plain')).toBe('plain');
  });

  it('keeps numbers and empties as they are, and defuses formulas in text', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
