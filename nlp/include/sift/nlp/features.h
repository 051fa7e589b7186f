// Featurizer: what the classifier sees of a response.
//
// Two views of the analysis text (see sift/ingest/normalizer.h), tokenised
// with ICU word breaks:
//  - a dense vector: the SIF-weighted mean of the tokens' pretrained word
//    vectors (weight a / (a + p(w)), p from the word's frequency rank under
//    Zipf's law), L2-normalised, followed (max_pool) by their element-wise
//    maximum; words outside the table are skipped here;
//  - a hashed bag of features, fastText's idea: word unigrams, word bigrams
//    and character n-grams of "<word>", each hashed into `buckets` slots.
//    Words outside the vector table still count through their n-grams, which
//    also carry typos ("brodband") close to the words they miss.
//
// Thread safety: a Featurizer holds a tokenizer; use one per thread. The
// WordVectors it reads are shared and not owned.
#ifndef SIFT_NLP_FEATURES_H_
#define SIFT_NLP_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/tokenizer.h"
#include "sift/nlp/word_vectors.h"

namespace sift::nlp {

struct FeatureConfig {
  std::uint32_t buckets = 1u << 16;  // hashed bag slots
  int char_min = 3;                  // character n-gram sizes of "<word>";
  int char_max = 5;                  // char_max 0 disables them
  bool word_bigrams = true;
  float sif_a = 1e-3f;  // SIF smoothing: smaller weighs frequent words less
  // Append the element-wise maximum of the tokens' vectors to the mean, so a
  // topic raised once in a long response is not averaged away.
  bool max_pool = true;
  // Append, per label prototype (SetPrototypes), the cosine of the mean with
  // it and the best cosine of any one word with it: what the taxonomy's own
  // descriptions say, which helps where labelled examples are few.
  bool label_prototypes = true;
};

struct TextFeatures {
  std::vector<float> dense;  // dim() values
  // Hashed ids < buckets, repeats kept: token after token, the token's word
  // id then its character n-gram ids, ending at token_ends[i] for token i;
  // then the word bigrams' ids.
  std::vector<std::uint32_t> bag;
  std::vector<std::uint32_t> token_ends;
  std::vector<std::string> tokens;  // the tokens, for explanations
  int known_tokens = 0;             // tokens found in the vector table
  // Per token, its slot in the extracting Featurizer's token memo, valid
  // while that memo's generation is `memo_generation` (a memo of per-token
  // results may key on it: see nlp/src/bag_rows.h).
  std::vector<std::uint32_t> token_slots;
  std::uint64_t memo_generation = 0;
};

// The 32-bit FNV-1a hash of `s`: bag ids are FeatureHash(kind + text) %
// buckets. Stable across machines and runs (models depend on it).
std::uint32_t FeatureHash(std::string_view s);

class Featurizer {
 public:
  // REQUIRES: `vectors` outlives the Featurizer.
  static Result<Featurizer> Create(const WordVectors* vectors,
                                   const FeatureConfig& config);

  // Size of TextFeatures::dense: the vectors' dimension, doubled with
  // max_pool, plus two per prototype.
  int dim() const;

  // Label prototypes: `count` unit vectors of the vectors' dimension, row
  // after row (e.g. the SIF means of the labels' descriptions). Used when
  // config().label_prototypes is set. REQUIRES: prototypes.size() ==
  // count * vectors dimension.
  void SetPrototypes(std::vector<float> prototypes, int count);

  // The unit SIF mean of `text`'s known words (zeros if none): a label
  // prototype when `text` is the label's description.
  std::vector<float> MeanVector(std::string_view text);
  const FeatureConfig& config() const { return config_; }

  // Fills *out for `analysis_text` (valid UTF-8).
  void Extract(std::string_view analysis_text, TextFeatures* out);

 private:
  Featurizer(const WordVectors* vectors, const FeatureConfig& config,
             Tokenizer tokenizer);
  void AddCharNgrams(const std::string& token, std::vector<std::uint32_t>* bag);
  // best[p] = max(best[p], cosine(word `row`, prototype p)); cosines are
  // computed once per word and cached.
  void BestCosines(int row, const float* word, float* best);
  // The memo slot of `token`, filled on first sight: its vector-table row
  // and its word and character n-gram ids. Extract() starts the memo afresh
  // (a new generation) before a text that could overfill it.
  std::uint32_t MemoSlot(const std::string& token);

  // What Extract() needs of a token, computed once per memo generation.
  struct TokenEntry {
    int row = -1;                 // in the vector table, or -1
    std::uint32_t ids_begin = 0;  // its word and character n-gram ids:
    std::uint32_t ids_end = 0;    // memo_ids_[ids_begin, ids_end)
  };

  const WordVectors* vectors_;
  FeatureConfig config_;
  Tokenizer tokenizer_;
  std::vector<float> scratch_;
  std::vector<float> prototypes_;
  int prototype_count_ = 0;
  std::vector<float> cosines_;      // per word row: one per prototype
  std::vector<bool> have_cosines_;  // which rows of cosines_ are filled
  std::string padded_;              // scratch for AddCharNgrams
  std::vector<int32_t> starts_;     // scratch for AddCharNgrams
  std::unordered_map<std::string, std::uint32_t> memo_;  // token -> slot
  std::vector<TokenEntry> entries_;                      // by slot
  std::vector<std::uint32_t> memo_ids_;
  std::uint64_t memo_generation_;  // unique to this memo and its fill
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_FEATURES_H_
