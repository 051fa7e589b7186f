// The rule layer of sift's sentiment analysis: a valence lexicon and a
// scorer that applies VADER's rules to it (Hutto & Gilbert, ICWSM 2014),
// adapted to consultation prose.
//
// The lexicon is VADER's (vader_lexicon.txt from the npm package
// vader-sentiment, fetched at set-up; 7,517 words and emoticons rated -4..+4
// by ten people each) plus a phrase table (models/sentiment_phrases.tsv) of
// multi-word expressions whose meaning is not the sum of their words: "no
// objection", "would welcome", "fails to address", "not fit for purpose".
// A phrase counts as one lexicon item: its words lose their own valence.
//
// The rules, per sentence: booster and dampener words within three words
// before an item scale it ("very", "slightly"), negators within three words
// flip and shrink it ("not", "never", "n't", "without", "lack of"), a word in
// capitals among lower-case words is emphasised, "but" and "however" shift
// weight to what follows them (x0.5 before, x1.5 after), and "!" and "??"
// amplify. A sentence's valence sum S becomes a compound score
// S / sqrt(S^2 + 15) in [-1, 1], as in VADER.
//
// Thread safety: a SentimentLexicon is immutable once built and may be shared
// by any number of LexiconScorers on any threads. A LexiconScorer reuses
// buffers: one per thread.
#ifndef SIFT_NLP_SENTIMENT_LEXICON_H_
#define SIFT_NLP_SENTIMENT_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sift/core/status.h"

namespace sift::nlp {

class SentimentLexicon {
 public:
  SentimentLexicon();
  ~SentimentLexicon();
  SentimentLexicon(SentimentLexicon&&) noexcept;
  SentimentLexicon& operator=(SentimentLexicon&&) noexcept;

  // Reads VADER's lexicon format: one entry per line, "token TAB mean TAB
  // sd TAB [ratings]"; only the first two fields are used. Errors name the
  // file and line.
  static Result<SentimentLexicon> LoadVader(const std::string& path);

  // Adds phrases from a table of "phrase TAB valence" lines ('#' starts a
  // comment; valence on the -4..+4 scale; words separated by single
  // spaces, compared case-insensitively). A phrase of one word overrides
  // that word's valence. `source` names the table in errors ("file:line").
  Status AddPhrases(std::string_view table, const std::string& source);
  Status AddPhraseFile(const std::string& path);

  // The valence of a lower-case word, or 0 when it has none.
  double Valence(std::string_view lower_word) const;
  std::size_t size() const;
  // Identifies the lexicon's contents (order-independent 64-bit hash), so
  // a trained model can refuse a different lexicon.
  std::uint64_t fingerprint() const;

 private:
  friend class LexiconScorer;
  struct Table;
  std::unique_ptr<Table> table_;
};

// What the rule layer found in one sentence.
struct LexiconScore {
  double sum = 0;       // rule-adjusted valence sum, punctuation included
  double compound = 0;  // sum / sqrt(sum^2 + 15), in [-1, 1]
  int positive = 0;     // items with positive adjusted valence
  int negative = 0;     // items with negative adjusted valence
  int words = 0;        // tokens considered
  // The sentence starts with "but" or "however": what came before it in the
  // text weighs less (x0.5) and it and what follows more (x1.5).
  bool opens_with_contrast = false;
};

class LexiconScorer {
 public:
  // REQUIRES: `lexicon` outlives the scorer.
  explicit LexiconScorer(const SentimentLexicon* lexicon);

  // Scores one sentence of display text (case preserved: capitals count).
  LexiconScore Score(std::string_view sentence);

 private:
  double ItemValence(std::size_t i, double valence) const;

  const SentimentLexicon* lexicon_;
  std::vector<std::string> words_;  // tokens, punctuation stripped
  std::vector<std::string> lower_;  // lower-case forms
  std::vector<double> valences_;
  bool cap_differential_ = false;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_SENTIMENT_LEXICON_H_
