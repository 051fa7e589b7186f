#include "sentence_pooling.h"

#include <algorithm>

namespace sift::nlp {

Result<SentenceSegmenter> SentenceSegmenter::Create() {
  auto splitter = ingest::SentenceSplitter::Create();
  if (!splitter.ok()) return splitter.status();
  auto normalizer = ingest::TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  return SentenceSegmenter(std::move(splitter.value()),
                           std::move(normalizer.value()));
}

int SentenceSegmenter::Append(std::string_view analysis_text,
                              std::string_view display_text,
                              std::vector<std::string>* out) {
  const bool display = !display_text.empty();
  const std::string_view text = display ? display_text : analysis_text;
  splitter_.Split(text, &spans_);
  if (spans_.size() < 2) return 0;
  for (const ingest::TextSpan& span : spans_) {
    out->push_back(display ? normalizer_.ForAnalysis(span.Of(text))
                           : std::string(span.Of(text)));
  }
  return static_cast<int>(spans_.size());
}

void PoolSentenceLogits(float weight, int labels, const float* sentences,
                        int count, float* response) {
  if (count == 0) return;
  for (int l = 0; l < labels; ++l) {
    float best = sentences[l];
    for (int s = 1; s < count; ++s) {
      best =
          std::max(best, sentences[static_cast<std::size_t>(s) * labels + l]);
    }
    response[l] = (1.0f - weight) * response[l] + weight * best;
  }
}

}  // namespace sift::nlp
