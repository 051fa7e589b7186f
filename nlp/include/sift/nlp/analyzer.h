// ResponseAnalyzer: everything sift's models say about a batch of
// responses: the themes (classifier.h), the sentiment of the response and of
// each sentence (sentiment.h), and the sentiment per assigned theme.
//
// Theme sentiment is the sentiment of the sentences that carry the theme:
// each sentence of a response with several is classified too, and a theme's
// sentiment is the mean score of the sentences whose score for it reaches
// the theme's threshold (or, when no single sentence does, of the sentence
// that scores highest for it), and the class the sentiment model gave most
// of them (PluralityPolarity: a tie goes to the class of the mean score). A
// one-sentence response's theme sentiment is its sentiment, class and all.
//
// Thread safety: not thread-safe (it holds a Classifier and SentimentModels,
// which reuse buffers); one call at a time. It uses `options.threads`
// threads itself: the classifier's featurisation, and one sentiment model
// per thread.
#ifndef SIFT_NLP_ANALYZER_H_
#define SIFT_NLP_ANALYZER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/status.h"
#include "sift/nlp/classifier.h"
#include "sift/nlp/sentiment.h"

namespace sift::nlp {

struct AnalyzerPaths {
  std::string model_dir;  // model.bin, taxonomy.json[, sentiment.json]
  std::string vectors;    // the word-vector table
  std::string lexicon;    // VADER's lexicon; needed only with sentiment.json
  // false: themes only, even when the model has a sentiment head.
  bool sentiment = true;
};

// One response to analyse, in both of ingest's forms.
struct AnalyzerInput {
  std::string_view analysis_text;  // for themes
  std::string_view display_text;   // for sentiment (case counts)
};

// What a response says of one of its themes.
struct ThemeSentiment {
  int label = 0;     // index into the taxonomy
  double score = 0;  // [-1, 1]
  Polarity polarity = Polarity::kNeutral;
};

struct Analysis {
  Prediction themes;
  bool has_sentiment = false;  // false when the model has no sentiment head
  SentimentResult sentiment;
  // One per assigned label, in ascending label order.
  std::vector<ThemeSentiment> theme_sentiment;
  // Parallel to sentiment.sentences: the assigned labels each sentence
  // carries (ascending; every assigned label is carried by at least one
  // sentence; a one-sentence response's sentence carries them all).
  std::vector<std::vector<int>> sentence_labels;
};

class ResponseAnalyzer {
 public:
  ~ResponseAnalyzer();
  ResponseAnalyzer(ResponseAnalyzer&&) noexcept;
  ResponseAnalyzer& operator=(ResponseAnalyzer&&) noexcept;

  // Loads the classifier and, when `paths.model_dir` holds sentiment.json,
  // the sentiment model. Errors name the file and what is wrong.
  static Result<ResponseAnalyzer> Load(const AnalyzerPaths& paths,
                                       const ClassifierOptions& options = {});

  Classifier& classifier();
  bool has_sentiment() const;
  // (negative, positive) thresholds of the sentiment model.
  // REQUIRES: has_sentiment().
  std::pair<double, double> sentiment_thresholds() const;

  // One Analysis per input, in order.
  Status Analyze(const std::vector<AnalyzerInput>& inputs,
                 std::vector<Analysis>* out);

 private:
  struct State;
  explicit ResponseAnalyzer(std::unique_ptr<State> state);
  Status AddThemeSentiment(const std::vector<AnalyzerInput>& inputs,
                           std::vector<Analysis>* out);
  // Theme sentiment and sentence labels of one analysis from its sentences'
  // predictions (empty: the response is one sentence, or has no theme).
  void AddThemeSentimentOf(const std::vector<Prediction>& sentences,
                           Analysis* a) const;
  // The sentiment of `label` from the sentences of `sentiment` at indexes
  // `carrying` (not empty).
  ThemeSentiment ThemeOf(int label, const std::vector<std::size_t>& carrying,
                         const SentimentResult& sentiment) const;
  std::unique_ptr<State> state_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_ANALYZER_H_
