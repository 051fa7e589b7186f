#include "sift/ingest/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "field_mapping.h"

namespace sift::ingest {

struct TextNormalizer::Instances {
  const icu::Normalizer2* nfc;
  const icu::Normalizer2* nfkc;
};

namespace {

bool IsLineBreak(UChar32 c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
}

// Invisible characters that only get in the way of reading and matching:
// controls (tabs and breaks are handled before), zero-width spaces, soft
// hyphens, byte-order marks. Joiners (U+200C, U+200D) shape scripts and emoji
// and stay.
bool IsDropped(UChar32 c) {
  if (c == 0x200C || c == 0x200D) return false;
  int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR;
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, c, error);
  if (!error) out->append(buf, len);
}

// Folds one code point for analysis; returns 0 when it is left as is.
char FoldTypography(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x2039:
    case 0x203A:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x2036:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0x2043:
      return '-';
    default:
      return 0;
  }
}

// Collapses horizontal whitespace, trims each line, keeps at most one blank
// line between paragraphs and drops invisible characters.
std::string TidyLines(const std::string& nfc) {
  std::string out;
  out.reserve(nfc.size());
  const auto* s = reinterpret_cast<const uint8_t*>(nfc.data());
  int32_t length = static_cast<int32_t>(nfc.size());
  int pending_breaks = 0;
  bool pending_space = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (c == '\r' && i < length && s[i] == '\n') continue;
    if (IsLineBreak(c)) {
      if (!out.empty()) ++pending_breaks;
      pending_space = false;
      continue;
    }
    if (c == '\t' || u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (IsDropped(c)) continue;
    if (pending_breaks > 0) {
      out.append(pending_breaks > 1 ? "\n\n" : "\n");
    } else if (pending_space) {
      out.push_back(' ');
    }
    pending_breaks = 0;
    pending_space = false;
    AppendUtf8(c, &out);
  }
  return out;
}

}  // namespace

Result<TextNormalizer> TextNormalizer::Create() {
  static const Instances* instances = []() -> const Instances* {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return nullptr;
    return new Instances{nfc, nfkc};
  }();
  if (instances == nullptr) {
    return Status::Internal(
        "ICU normalisation data (NFC/NFKC) could not be loaded; is libicu "
        "installed completely?");
  }
  return TextNormalizer(instances);
}

std::string TextNormalizer::ForDisplay(std::string_view utf8) const {
  std::string html_free = DecodeHtml(utf8);
  std::string nfc;
  icu::StringByteSink<std::string> sink(&nfc);
  UErrorCode status = U_ZERO_ERROR;
  icu_->nfc->normalizeUTF8(0, html_free, sink, nullptr, status);
  if (U_FAILURE(status)) nfc = html_free;
  return TidyLines(nfc);
}

std::string TextNormalizer::ForAnalysis(std::string_view display) const {
  // NFKC splits double primes (U+2033, U+2036) into two single primes, so
  // fold them to '"' before it runs.
  std::string folded;
  std::string_view input = display;
  auto is_double_prime = [&display](std::size_t i) {
    return display.compare(i, 3, "\xE2\x80\xB3") == 0 ||
           display.compare(i, 3, "\xE2\x80\xB6") == 0;
  };
  if (display.find("\xE2\x80") != std::string_view::npos) {
    folded.reserve(display.size());
    for (std::size_t i = 0; i < display.size();) {
      if (is_double_prime(i)) {
        folded.push_back('"');
        i += 3;
      } else {
        folded.push_back(display[i++]);
      }
    }
    input = folded;
  }
  std::string nfkc;
  icu::StringByteSink<std::string> sink(&nfkc);
  UErrorCode status = U_ZERO_ERROR;
  icu_->nfkc->normalizeUTF8(0, input, sink, nullptr, status);
  if (U_FAILURE(status)) nfkc = std::string(input);
  std::string out;
  out.reserve(nfkc.size());
  const auto* s = reinterpret_cast<const uint8_t*>(nfkc.data());
  int32_t length = static_cast<int32_t>(nfkc.size());
  bool pending_space = false;
  for (int32_t i = 0; i < length;) {
    if (s[i] < 0x80) {
      char c = static_cast<char>(s[i++]);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && (IsLineBreak(c) || u_isUWhiteSpace(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    char ascii = c >= 0 ? FoldTypography(c) : 0;
    if (ascii != 0) {
      out.push_back(ascii);
    } else {
      out.append(nfkc, start, i - start);
    }
  }
  return out;
}

std::string CaseFold(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string FilterKey(std::string_view value) { return Slug(CaseFold(value)); }

}  // namespace sift::ingest
