// SentenceSplitter: cuts text into sentences, the unit that sentiment,
// campaign additions and evidence quotes work on.
//
// Boundaries are ICU's sentence rules (UAX #29) for English, filtered by
// ICU's abbreviation list where the installed ICU data has one (a lower-case
// word after "e.g." never starts a sentence; "Dr. Patel" may still split),
// plus every line break, so bullet points and list items come out as their
// own sentences. Spans are trimmed of surrounding white space; blank ones
// are skipped. A span is a byte range into the caller's text, so a sentence
// quoted from it is verbatim.
//
// Thread safety: a SentenceSplitter holds one ICU BreakIterator; use one per
// thread (Create() is cheap after the first).
#ifndef SIFT_INGEST_SENTENCES_H_
#define SIFT_INGEST_SENTENCES_H_

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::ingest {

// A byte range [begin, end) of a text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view Of(std::string_view text) const {
    return text.substr(begin, end - begin);
  }
};

class SentenceSplitter {
 public:
  ~SentenceSplitter();
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;

  // Internal error only if ICU's break rules cannot be loaded.
  static Result<SentenceSplitter> Create();

  // Replaces `out` with the sentences of `text` (UTF-8), in order. Invalid
  // UTF-8 is tolerated (ICU treats it as U+FFFD).
  void Split(std::string_view text, std::vector<TextSpan>* out);

 private:
  struct State;
  explicit SentenceSplitter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sift::ingest

#endif  // SIFT_INGEST_SENTENCES_H_
