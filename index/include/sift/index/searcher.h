// Searcher: queries a sift database, the engine behind `sift search`.
//
// Query syntax is Xapian's QueryParser with English stemming: words (all
// must match unless OR is used), "phrases", AND/OR/NOT, +must -mustnot,
// wildcards (bus*), and field prefixes: sector:, district:, question:,
// type:, respondent:, id:, is:duplicate, is:review, redacted:email,
// theme:ID, and negative:ID, neutral:ID, positive:ID (responses whose
// sentences on theme ID are, on balance, of that class: the response may
// feel otherwise overall) (boolean filters;
// values compared as ingest::FilterKey, so district:"St Albans" works) and org:
// (words of the organisation name). An empty query matches every response.
//
// Thread safety: a Searcher holds one open Xapian::Database and is used by
// one thread at a time; open one per thread.
#ifndef SIFT_INDEX_SEARCHER_H_
#define SIFT_INDEX_SEARCHER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/status.h"
#include "sift/ingest/response.h"

namespace sift::index {

enum class SortOrder {
  kRelevance,
  kDateAscending,
  kDateDescending,
  kScoreDescending,      // by the calibrated score of SearchRequest::sort_label
  kSentimentAscending,   // most negative first
  kSentimentDescending,  // most positive first
  // By what the response says of label sort_label (its theme sentiment),
  // most negative or most positive first; responses without it come last.
  kThemeSentimentAscending,
  kThemeSentimentDescending,
  // By sentiment confidence, least sure first (for review) or most sure
  // first; responses without one come last.
  kConfidenceAscending,
  kConfidenceDescending,
};

struct SearchRequest {
  std::string query;
  // Filters by field ("sector" (canonical id), "district", "question",
  // "respondent_type" or its query key "type", "theme", "sentiment",
  // "campaign", "theme_sentiment" with values "ID:CLASS" such as
  // "infrastructure:negative"): values of one field are alternatives
  // (OR), fields combine with AND.
  std::map<std::string, std::vector<std::string>> filters;
  std::int64_t offset = 0;
  std::int64_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;
  std::string sort_label;  // a label id, for kScoreDescending and kTheme*
  bool facets = false;
  std::size_t snippet_chars = 240;
};

// What a response says of one of its themes (sift/nlp/analyzer.h).
struct ThemeSentiment {
  std::string label;  // label id
  double score = 0;   // [-1, 1]
  // negative, neutral or positive; "" in a database written by a sift that
  // stored scores only.
  std::string sentiment;
};

struct SearchHit {
  std::int64_t rank = 0;      // 1-based, counting from the first result overall
  double score = 0;           // Xapian BM25 weight; 0 for a pure filter query
  ingest::Response response;  // stored fields; text is in display_text
  std::string duplicate_of;   // "" unless marked as a duplicate
  std::string snippet;        // matched terms marked **like this**
  // The classifier's labels and calibrated scores, when a model ran at
  // ingest (classified false otherwise).
  bool classified = false;
  std::vector<std::string> labels;
  std::vector<std::pair<std::string, float>> scores;
  bool needs_review = false;
  // Sentiment, when the model had a sentiment head at ingest.
  bool has_sentiment = false;
  std::string sentiment;  // negative, neutral, positive
  double sentiment_score = 0;
  // How likely the class is right (nlp::SentimentResult::confidence());
  // absent in databases of earlier sifts.
  std::optional<double> sentiment_confidence;
  std::vector<ThemeSentiment> theme_sentiment;
  std::string campaign;  // "" when in none
  // The display text's sentences: byte span, sentiment score and class,
  // and the labels each carries (empty without a sentiment model).
  struct Sentence {
    std::size_t begin = 0, end = 0;
    double sentiment = 0;
    std::vector<std::string> labels;
    // negative, neutral or positive; "" in a database written by a sift
    // that stored scores only.
    std::string polarity;
  };
  std::vector<Sentence> sentences;
};

struct FacetCount {
  std::string key;    // filter key ("st_albans")
  std::string label;  // display form most respondents wrote ("St Albans")
  std::int64_t count = 0;
};

struct SearchResult {
  std::int64_t total = 0;  // exact number of matching responses
  std::vector<SearchHit> hits;
  // Field -> counts over the whole matching set, largest first; "theme"
  // counts responses carrying each label (a response may count for several);
  // "theme_sentiment", in label order, those whose theme sentiment for each
  // label is negative, neutral or positive (keys "ID:CLASS"; only for a
  // database with theme-sentiment terms).
  std::map<std::string, std::vector<FacetCount>> facets;
};

class Searcher {
 public:
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  // Opens the database read-only. NotFound when there is none at `db_path`.
  static Result<Searcher> Open(const std::string& db_path);

  // Runs `request`. InvalidArgument for a malformed query, an unknown
  // filter field or label, or a theme-sentiment filter or sort on a
  // database without its terms; the message says what to fix.
  Result<SearchResult> Search(const SearchRequest& request);

  // Calls `visit` with every response in the database, in storage order,
  // without ranking or snippets (for reports over the whole set). Stops
  // at the first error: Corruption names a damaged document.
  Status ForEach(const std::function<void(const SearchHit&)>& visit);

  std::int64_t document_count() const;
  // A metadata value written at ingest ("sift.version", ...), or "".
  std::string metadata(const std::string& key) const;

 private:
  struct State;
  explicit Searcher(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace sift::index

#endif  // SIFT_INDEX_SEARCHER_H_
