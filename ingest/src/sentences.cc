#include "sift/ingest/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <utility>

namespace sift::ingest {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Adds the trimmed pieces of [begin, end) split at line breaks.
void AddLines(std::string_view text, std::size_t begin, std::size_t end,
              std::vector<TextSpan>* out) {
  while (begin < end) {
    std::size_t line_end = begin;
    while (line_end < end && text[line_end] != '\n' && text[line_end] != '\r')
      ++line_end;
    std::size_t b = begin, e = line_end;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    // A no-break space (U+00A0, C2 A0) at either end is trimmed too.
    while (e - b >= 2 && text.substr(b, 2) == "\xC2\xA0") b += 2;
    while (e - b >= 2 && text.substr(e - 2, 2) == "\xC2\xA0") e -= 2;
    if (b < e) out->push_back({b, e});
    begin = line_end + 1;
  }
}

}  // namespace

struct SentenceSplitter::State {
  std::unique_ptr<icu::BreakIterator> sentences;
};

SentenceSplitter::SentenceSplitter(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept =
    default;

Result<SentenceSplitter> SentenceSplitter::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale english("en");
  std::unique_ptr<icu::BreakIterator> plain(
      icu::BreakIterator::createSentenceInstance(english, status));
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(english, status));
  std::unique_ptr<icu::BreakIterator> it;
  if (U_SUCCESS(status) && plain && builder) {
    it.reset(builder->build(plain.release(), status));
  }
  if (U_FAILURE(status) || !it) {
    return Status::Internal(
        std::string("ICU sentence break rules: ").append(u_errorName(status)));
  }
  auto state = std::make_unique<State>();
  state->sentences = std::move(it);
  return SentenceSplitter(std::move(state));
}

void SentenceSplitter::Split(std::string_view text,
                             std::vector<TextSpan>* out) {
  out->clear();
  if (text.empty()) return;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(),
                             static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) {
    AddLines(text, 0, text.size(), out);
    return;
  }
  icu::BreakIterator& it = *state_->sentences;
  it.setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    AddLines(text, 0, text.size(), out);
    return;
  }
  // With a UTF-8 UText, break positions are byte offsets.
  std::size_t begin = static_cast<std::size_t>(it.first());
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE;
       end = it.next()) {
    AddLines(text, begin, static_cast<std::size_t>(end), out);
    begin = static_cast<std::size_t>(end);
  }
  it.setText(icu::UnicodeString());  // drop the reference to `text`
  utext_close(ut);
}

}  // namespace sift::ingest
