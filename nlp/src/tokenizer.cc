#include "sift/nlp/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "sift/ingest/redactor.h"

namespace sift::nlp {
namespace {

// One of ingest's placeholders, "[EMAIL]" ... "[POSTCODE]".
bool IsPlaceholder(const icu::UnicodeString& text) {
  for (int k = 0; k < ingest::kPiiKindCount; ++k) {
    if (text == icu::UnicodeString::fromUTF8(
                    ingest::PiiPlaceholder(static_cast<ingest::PiiKind>(k)))) {
      return true;
    }
  }
  return false;
}

}  // namespace

struct Tokenizer::State {
  std::unique_ptr<icu::BreakIterator> words;
};

Tokenizer::Tokenizer(std::unique_ptr<State> state) : state_(std::move(state)) {}
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

Result<Tokenizer> Tokenizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(
      icu::Locale::getEnglish(), status));
  if (U_FAILURE(status) || it == nullptr) {
    return Status::Internal(std::string("ICU word break rules unavailable: ") +
                            u_errorName(status));
  }
  auto state = std::make_unique<State>();
  state->words = std::move(it);
  return Tokenizer(std::move(state));
}

void Tokenizer::Tokenize(std::string_view text,
                         std::vector<std::string>* tokens) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::BreakIterator& it = *state_->words;
  it.setText(u);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE;
       start = end, end = it.next()) {
    int32_t status = it.getRuleStatus();
    bool word = status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT;
    // "[EMAIL]": a redaction placeholder stays one token. Other bracketed
    // text ("[2]", "[NHS]", "[not a placeholder]") is ordinary words.
    if (!word && u.charAt(start) == u'[' && end < u.length()) {
      int32_t close = u.indexOf(u']', end);
      if (close > end && close - end <= 10 &&
          IsPlaceholder(u.tempSubStringBetween(start, close + 1))) {
        std::string token;
        u.tempSubStringBetween(start, close + 1).toLower().toUTF8String(token);
        tokens->push_back(std::move(token));
        end = it.following(close);
        if (end == icu::BreakIterator::DONE) break;
        continue;
      }
    }
    if (!word) continue;
    std::string token;
    u.tempSubStringBetween(start, end).foldCase().toUTF8String(token);
    tokens->push_back(std::move(token));
  }
}

}  // namespace sift::nlp
