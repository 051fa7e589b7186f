// Tokenizer: splits analysis text into lower-cased word tokens with ICU's
// word break rules (UAX #29), the segmentation every nlp feature builds on.
//
// Tokens are the spans ICU marks as words, numbers or ideographs, case
// folded; punctuation and spaces are dropped. Redaction placeholders such as
// "[EMAIL]" come out as one token ("[email]") so that models see them as a
// kind of thing, not as the word "email".
//
// Thread safety: a Tokenizer holds one ICU BreakIterator and is used by one
// thread at a time; make one per thread (construction is cheap: a clone).
#ifndef SIFT_NLP_TOKENIZER_H_
#define SIFT_NLP_TOKENIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::nlp {

class Tokenizer {
 public:
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // Fails only if ICU's break rules for English cannot be loaded.
  static Result<Tokenizer> Create();

  // Appends the tokens of `text` (valid UTF-8) to *tokens.
  void Tokenize(std::string_view text, std::vector<std::string>* tokens);

 private:
  struct State;
  explicit Tokenizer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_TOKENIZER_H_
