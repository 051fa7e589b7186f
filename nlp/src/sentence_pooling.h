// Internal: sentence pooling. A model may score a response from its own
// logit and its best sentence's: z = (1 - w) * z_response + w * max_s z_s,
// per label, so a point made in one bullet of a long submission is not
// averaged away. The trainer picks w on dev (0 turns pooling off).
#ifndef SIFT_NLP_SRC_SENTENCE_POOLING_H_
#define SIFT_NLP_SRC_SENTENCE_POOLING_H_

#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/normalizer.h"
#include "sift/ingest/sentences.h"

namespace sift::nlp {

// Finds a response's sentences in the analysis form the classifier reads.
// Not thread-safe (one ICU break iterator): one per thread.
class SentenceSegmenter {
 public:
  static Result<SentenceSegmenter> Create();

  // Appends to *out the analysis form of each sentence of the response when
  // it has two or more, and returns how many it appended (0 for one
  // sentence: the response is its own sentence). Splits `display_text`
  // where given, whose line breaks make bullets sentences; otherwise
  // `analysis_text`, by punctuation alone.
  int Append(std::string_view analysis_text, std::string_view display_text,
             std::vector<std::string>* out);

 private:
  SentenceSegmenter(ingest::SentenceSplitter splitter,
                    ingest::TextNormalizer normalizer)
      : splitter_(std::move(splitter)), normalizer_(std::move(normalizer)) {}
  ingest::SentenceSplitter splitter_;
  ingest::TextNormalizer normalizer_;
  std::vector<ingest::TextSpan> spans_;
};

// Pools the raw logits of one response, in place: response[l] becomes
// (1 - weight) * response[l] + weight * max over its `count` sentences
// (rows of `labels` logits from `sentences`). Unchanged when count == 0.
void PoolSentenceLogits(float weight, int labels, const float* sentences,
                        int count, float* response);

}  // namespace sift::nlp

#endif  // SIFT_NLP_SRC_SENTENCE_POOLING_H_
