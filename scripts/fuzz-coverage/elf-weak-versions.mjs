// Marks version requirements of an ELF64 shared object as weak (VER_FLG_WEAK), in place.
//
// `patchelf --clear-symbol-version` unbinds a symbol from its version, but the library's
// version-needs table (.gnu.version_r) still names GLIBC_2.38 and GLIBCXX_3.4.32, and
// the dynamic linker refuses to load a library whose needed version is missing, unless
// the requirement is weak (glibc's dl-version.c: a weak one that is not found is
// skipped). patchelf 0.14 (Debian 12) has no option for this, and it is a two-byte
// field, so it is set here.
import { readFileSync, writeFileSync } from 'node:fs';

const SHT_GNU_VERNEED = 0x6ffffffe;
const VER_FLG_WEAK = 0x2;

/** Sets VER_FLG_WEAK on each needed version named in `names`; returns those it found. */
export function weakenVersions(file, names) {
  const buf = readFileSync(file);
  if (buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2 || buf[5] !== 1) {
    throw new Error(`${file}: not a little-endian ELF64 file`);
  }
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  const section = (i) => {
    const at = shoff + i * shentsize;
    return { type: buf.readUInt32LE(at + 4), offset: Number(buf.readBigUInt64LE(at + 0x18)), link: buf.readUInt32LE(at + 0x28), info: buf.readUInt32LE(at + 0x2c) };
  };
  const found = [];
  for (let i = 0; i < shnum; i++) {
    const s = section(i);
    if (s.type !== SHT_GNU_VERNEED) continue;
    const strtab = section(s.link).offset;
    const str = (off) => {
      let end = strtab + off;
      while (buf[end] !== 0) end++;
      return buf.toString('latin1', strtab + off, end);
    };
    // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
    // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
    let need = s.offset;
    for (let n = 0; n < s.info; n++) {
      const cnt = buf.readUInt16LE(need + 2);
      let aux = need + buf.readUInt32LE(need + 8);
      for (let a = 0; a < cnt; a++) {
        const name = str(buf.readUInt32LE(aux + 8));
        if (names.includes(name)) {
          buf.writeUInt16LE(buf.readUInt16LE(aux + 4) | VER_FLG_WEAK, aux + 4);
          found.push(name);
        }
        aux += buf.readUInt32LE(aux + 12);
      }
      need += buf.readUInt32LE(need + 12);
    }
  }
  writeFileSync(file, buf);
  return found;
}
