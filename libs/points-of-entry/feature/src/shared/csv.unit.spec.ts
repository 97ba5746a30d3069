import { csvField, toCsv } from './csv';

describe('CSV', () => {
  describe('fields', () => {
    it('leaves plain text as it is', () => {
      expect(csvField('TH-MAESOT')).toBe('TH-MAESOT');
      expect(csvField('plain')).toBe('plain');
      expect(csvField('65+')).toBe('65+');
    });

    it('writes numbers as they are, negative and fractional ones too', () => {
      expect(csvField(42)).toBe('42');
      expect(csvField(-3)).toBe('-3');
      expect(csvField(0.125)).toBe('0.125');
    });

    it('writes nothing for a missing value', () => {
      expect(csvField(null)).toBe('');
      expect(csvField(undefined)).toBe('');
    });

    it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
      expect(csvField('Nong Khai, Friendship Bridge')).toBe('"Nong Khai, Friendship Bridge"');
      expect(csvField('a,b')).toBe('"a,b"');
      expect(csvField('the "bridge"')).toBe('"the ""bridge"""');
      expect(csvField('say "hi"')).toBe('"say ""hi"""');
      expect(csvField('two\nlines')).toBe('"two\nlines"');
      expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    });

    it('defuses text a spreadsheet would run as a formula', () => {
      expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
      expect(csvField('+1')).toBe("'+1");
      expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
      expect(csvField('-2')).toBe("'-2");
    });
  });

  describe('documents', () => {
    it('writes a header line and one CRLF-terminated line per row, in column order', () => {
      const rows = [
        { day: '2026-11-23', pointOfEntry: 'TH-MAESOT', crossings: 3 },
        { day: '2026-11-24', pointOfEntry: 'a,b', crossings: 1 },
      ];
      expect(toCsv(['pointOfEntry', 'day', 'crossings'], rows)).toBe(
        'pointOfEntry,day,crossings\r\nTH-MAESOT,2026-11-23,3\r\n"a,b",2026-11-24,1\r\n',
      );
      expect(toCsv(['pointOfEntry'], [])).toBe('pointOfEntry\r\n');
    });

    it('writes zero counts, and the header line alone when there are no rows', () => {
      const rows = [
        { pointOfEntry: 'TH-MAESOT', day: '2026-10-01', screenings: 3 },
        { pointOfEntry: 'TH-NONGKHAI', day: '2026-10-02', screenings: 0 },
      ];
      expect(toCsv(['pointOfEntry', 'day', 'screenings'], rows)).toBe(
        'pointOfEntry,day,screenings\r\nTH-MAESOT,2026-10-01,3\r\nTH-NONGKHAI,2026-10-02,0\r\n',
      );
      expect(toCsv(['a'], [])).toBe('a\r\n');
    });
  });
});
