#include "sift/ingest/redactor.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cctype>
#include <string_view>

namespace sift::ingest {

struct Redactor::Patterns {
  std::unique_ptr<RE2> combined;  // one capturing group per PiiKind, in order
};

namespace {

// Group order must follow PiiKind. Within each, the pattern finds
// candidates; AcceptMatch() applies the checks RE2 cannot express
// (boundaries, digit counts, ordinals).
constexpr const char* kPattern =
    // email
    R"(([A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)"
    R"((?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}))"
    // url: social profiles, then personal paths on any host
    R"(|((?i)(?:https?://)?(?:www\.|m\.|[a-z]{2}\.)?)"
    R"((?:facebook\.com|fb\.com|twitter\.com|x\.com|instagram\.com|)"
    R"(linkedin\.com/in|tiktok\.com/@|youtube\.com/(?:@|user/|c/)|)"
    R"(medium\.com/@|flickr\.com/people))"
    R"(/[^\s<>"'()\[\],]+|)"
    R"(https?://[^\s<>"]*?/(?:~|users?/|people/|profiles?/|members?/|author/))"
    R"([^\s<>"'()\[\],]+))"
    // nino
    R"(|([A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]))"
    // phone
    R"(|((?:(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?|\(?0)\d{2,5}\)?[ \-]?\d{3,4}[ \-]?\d{3,4}))"
    // postcode
    R"(|((?:[A-Za-z]{1,2}\d[A-Za-z\d]?) ?\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}))";

// Whether the code point ending just before `pos` (or starting at it) is a
// letter or digit in any script: "é" joins a word, "…" and "’" do not.
bool LetterOrDigitBefore(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(s, 0, i, c);
  return c >= 0 && u_isalnum(c);
}

bool LetterOrDigitAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}

int CountDigits(std::string_view s) {
  int n = 0;
  for (char c : s) n += std::isdigit(static_cast<unsigned char>(c)) ? 1 : 0;
  return n;
}

bool IsOrdinalSuffix(std::string_view letters) {
  return letters == "st" || letters == "nd" || letters == "rd" ||
         letters == "th";
}

// Checks a candidate at text[begin, end) of the given kind.
// Whether the match at text[begin, end) is glued to a longer token: a path,
// an identifier or a longer number ("REL/SM8 1AB_bsp", "01234567890-30").
bool GluedToToken(std::string_view text, std::size_t begin, std::size_t end) {
  auto is_glue = [](char c) {
    return c == '_' || c == '/' || c == '\\' || c == '@' || c == '=' ||
           c == '#';
  };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_joiner = [](char c) { return c == '-' || c == '.' || c == '/'; };
  char before = begin > 0 ? text[begin - 1] : ' ';
  char before2 = begin > 1 ? text[begin - 2] : ' ';
  char after = end < text.size() ? text[end] : ' ';
  char after2 = end + 1 < text.size() ? text[end + 1] : ' ';
  return is_glue(before) || is_glue(after) ||
         (is_joiner(before) && is_digit(before2)) ||
         (is_joiner(after) && is_digit(after2));
}

bool AcceptMatch(PiiKind kind, std::string_view text, std::size_t begin,
                 std::size_t end) {
  char before = begin > 0 ? text[begin - 1] : ' ';
  bool word_before = LetterOrDigitBefore(text, begin);
  bool word_after = LetterOrDigitAt(text, end);
  bool standalone =
      !word_before && !word_after && !GluedToToken(text, begin, end);
  std::string_view m = text.substr(begin, end - begin);
  switch (kind) {
    case PiiKind::kEmail:
      return true;
    case PiiKind::kUrl:
      return !(word_before || before == '.' || before == '-' || before == '@');
    case PiiKind::kNino:
      return standalone;
    case PiiKind::kPhone: {
      if (!standalone || before == '+') return false;
      int digits = CountDigits(m);
      if (m[0] == '+' || m.substr(0, 2) == "00") {
        digits -= (m[0] == '+') ? 2 : 4;  // country code (and 00)
        if (m.find("(0)") != std::string_view::npos) digits -= 1;
        return digits == 9 || digits == 10;
      }
      return digits == 10 || digits == 11;  // leading 0 included
    }
    case PiiKind::kPostcode: {
      if (!standalone) return false;
      std::string_view inward = m.substr(m.size() - 2);
      return !IsOrdinalSuffix(inward);
    }
  }
  return false;
}

}  // namespace

const char* PiiKindName(PiiKind kind) {
  static const char* kNames[] = {"email", "url", "nino", "phone", "postcode"};
  return kNames[static_cast<int>(kind)];
}

const char* PiiPlaceholder(PiiKind kind) {
  static const char* kPlaceholders[] = {"[EMAIL]", "[URL]", "[NINO]", "[PHONE]",
                                        "[POSTCODE]"};
  return kPlaceholders[static_cast<int>(kind)];
}

std::int64_t RedactionCounts::total() const {
  std::int64_t t = 0;
  for (std::int64_t n : by_kind) t += n;
  return t;
}

RedactionCounts& RedactionCounts::operator+=(const RedactionCounts& other) {
  for (int i = 0; i < kPiiKindCount; ++i) by_kind[i] += other.by_kind[i];
  return *this;
}

Result<Redactor> Redactor::Create() {
  auto patterns = std::make_shared<Patterns>();
  RE2::Options options;
  options.set_log_errors(false);
  patterns->combined = std::make_unique<RE2>(kPattern, options);
  if (!patterns->combined->ok()) {
    return Status::Internal("redaction pattern rejected by RE2: " +
                            patterns->combined->error());
  }
  return Redactor(std::move(patterns));
}

std::string Redactor::Redact(std::string_view text,
                             RedactionCounts* counts) const {
  const RE2& re = *patterns_->combined;
  re2::StringPiece groups[kPiiKindCount + 1];
  std::string out;
  std::size_t copied = 0;  // text[0, copied) is already in `out`
  std::size_t pos = 0;
  while (pos < text.size() &&
         re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                  RE2::UNANCHORED, groups, kPiiKindCount + 1)) {
    std::size_t begin = groups[0].data() - text.data();
    std::size_t end = begin + groups[0].size();
    int kind_index = 0;
    while (kind_index < kPiiKindCount &&
           groups[kind_index + 1].data() == nullptr) {
      ++kind_index;
    }
    auto kind = static_cast<PiiKind>(kind_index);
    if (kind_index == kPiiKindCount || !AcceptMatch(kind, text, begin, end)) {
      pos = begin + 1;
      continue;
    }
    if (kind == PiiKind::kUrl) {
      // Punctuation ending the sentence is not part of the link.
      while (end > begin + 1 && std::string_view(".,;:!?").find(
                                    text[end - 1]) != std::string_view::npos) {
        --end;
      }
    }
    if (out.empty()) out.reserve(text.size());
    out.append(text.substr(copied, begin - copied));
    out.append(PiiPlaceholder(kind));
    if (counts != nullptr) ++counts->by_kind[kind_index];
    copied = end;
    pos = end;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace sift::ingest
