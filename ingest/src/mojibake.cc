#include <unicode/utf8.h>

#include <string>
#include <string_view>

#include "text_source.h"

namespace sift::ingest {
namespace {

// The Windows-1252 byte for code point `c`, or -1 when it has none. Bytes
// 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252 and often
// survive as the C1 control of the same value.
int Cp1252Byte(UChar32 c) {
  if (c >= 0xA0 && c <= 0xFF) return static_cast<int>(c);
  if (c >= 0x80 && c <= 0x9F) return static_cast<int>(c);
  switch (c) {
    case 0x20AC:
      return 0x80;
    case 0x201A:
      return 0x82;
    case 0x0192:
      return 0x83;
    case 0x201E:
      return 0x84;
    case 0x2026:
      return 0x85;
    case 0x2020:
      return 0x86;
    case 0x2021:
      return 0x87;
    case 0x02C6:
      return 0x88;
    case 0x2030:
      return 0x89;
    case 0x0160:
      return 0x8A;
    case 0x2039:
      return 0x8B;
    case 0x0152:
      return 0x8C;
    case 0x017D:
      return 0x8E;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    case 0x2022:
      return 0x95;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x02DC:
      return 0x98;
    case 0x2122:
      return 0x99;
    case 0x0161:
      return 0x9A;
    case 0x203A:
      return 0x9B;
    case 0x0153:
      return 0x9C;
    case 0x017E:
      return 0x9E;
    case 0x0178:
      return 0x9F;
    default:
      return -1;
  }
}

// Lead bytes whose mojibake is common in English text: Latin-1 letters and
// signs (C2, C3), Latin Extended-A (C5), modifier letters (CB) and general
// punctuation such as ’ “ ” – … € (E2). Others are left alone: a rare
// legitimate character sequence would otherwise be misread.
int ContinuationsAfter(int lead) {
  switch (lead) {
    case 0xC2:
    case 0xC3:
    case 0xC5:
    case 0xCB:
      return 1;
    case 0xE2:
      return 2;
    default:
      return 0;
  }
}

bool MayHoldMojibake(std::string_view s) {
  // Ã Â â Å Ë, the usual first characters of mis-decoded UTF-8.
  for (const char* lead :
       {"\xC3\x83", "\xC3\x82", "\xC3\xA2", "\xC3\x85", "\xC3\x8B"}) {
    if (s.find(lead) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string RepairMojibake(std::string_view utf8, bool* changed) {
  *changed = false;
  if (!MayHoldMojibake(utf8)) return std::string(utf8);
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  std::string out;
  out.reserve(utf8.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    int lead = Cp1252Byte(c);
    int needed = lead >= 0 ? ContinuationsAfter(lead) : 0;
    std::string bytes(1, static_cast<char>(lead));
    int32_t j = i;
    for (int k = 0; k < needed && j < length; ++k) {
      UChar32 next;
      U8_NEXT(s, j, length, next);
      int b = Cp1252Byte(next);
      if (b < 0x80 || b > 0xBF) break;
      bytes.push_back(static_cast<char>(b));
    }
    if (needed > 0 && static_cast<int>(bytes.size()) == needed + 1 &&
        IsValidUtf8(bytes)) {
      out += bytes;
      i = j;
      *changed = true;
    } else {
      out.append(utf8.substr(start, i - start));
    }
  }
  return out;
}

}  // namespace sift::ingest
