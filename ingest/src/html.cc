#include <re2/re2.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "sift/ingest/normalizer.h"

namespace sift::ingest {
namespace {

struct NamedEntity {
  const char* name;
  const char* utf8;
};

constexpr NamedEntity kEntities[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", "\xC2\xA0"},
    {"ndash", "\xE2\x80\x93"},
    {"mdash", "\xE2\x80\x94"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
    {"hellip", "\xE2\x80\xA6"},
    {"pound", "\xC2\xA3"},
    {"euro", "\xE2\x82\xAC"},
    {"copy", "\xC2\xA9"},
    {"bull", "\xE2\x80\xA2"},
    {"middot", "\xC2\xB7"},
    {"eacute", "\xC3\xA9"},
    {"deg", "\xC2\xB0"},
};

// Decodes the reference starting at text[0] == '&'; returns the number of
// bytes consumed, 0 when it is not a reference.
std::size_t DecodeReference(std::string_view text, std::string* out) {
  std::size_t semi = text.find(';');
  if (semi == std::string_view::npos || semi < 2 || semi > 10) return 0;
  std::string_view body = text.substr(1, semi - 1);
  if (body[0] == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string digits(body.substr(hex ? 2 : 1));
    if (digits.empty()) return 0;
    char* end = nullptr;
    long cp = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
    if (*end != '\0' || cp <= 0 || cp > 0x10FFFF || U_IS_SURROGATE(cp)) {
      return 0;
    }
    char buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(cp), error);
    if (error) return 0;
    out->append(buf, len);
    return semi + 1;
  }
  for (const NamedEntity& e : kEntities) {
    if (body == e.name) {
      out->append(e.utf8);
      return semi + 1;
    }
  }
  return 0;
}

std::string DecodeReferences(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '&') {
      std::size_t used = DecodeReference(text.substr(i), &out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

std::string DecodeHtml(std::string_view text) {
  if (text.find_first_of("<&") == std::string_view::npos) {
    return std::string(text);
  }
  static const RE2 kBlockTag(
      R"((?i)<\s*(?:br|/?p|/?div|/?tr|/?h[1-6])\b[^<>]*>)");
  static const RE2 kListItem(R"((?i)<\s*li\b[^<>]*>)");
  static const RE2 kAnyTag(R"(</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>)");
  std::string s(text);
  if (s.find('<') != std::string::npos) {
    RE2::GlobalReplace(&s, kListItem, "\n- ");
    RE2::GlobalReplace(&s, kBlockTag, "\n");
    RE2::GlobalReplace(&s, kAnyTag, "");
  }
  if (s.find('&') != std::string::npos) s = DecodeReferences(s);
  return s;
}

}  // namespace sift::ingest
