// Internal: searching by theme sentiment, the class of what a response says
// of each of its themes (schema.h: the XTS* terms and slots 1000+i).
#ifndef SIFT_INDEX_SRC_THEME_SENTIMENT_SEARCH_H_
#define SIFT_INDEX_SRC_THEME_SENTIMENT_SEARCH_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "sift/core/status.h"
#include "sift/index/searcher.h"

namespace sift::index {

// True when every theme sentiment stored in `db` has its terms and slot
// (schema::kThemeSentimentKey), so filters, facets and sorting by it are
// complete.
bool HasThemeSentimentTerms(const Xapian::Database& db);
// InvalidArgument naming `db_path` and how to get a searchable database.
Status NoThemeSentimentTerms(const std::string& db_path);

// The query matching any of `values`, each "ID:CLASS" (a label id of
// `label_ids`, then negative, neutral or positive). InvalidArgument, saying
// what to write, for a malformed value or an unknown label.
Result<Xapian::Query> ThemeSentimentFilter(
    const std::vector<std::string>& values,
    const std::vector<std::string>& label_ids);

// Adds the query prefixes negative:ID, neutral:ID and positive:ID. Their
// processors read `db` when a query is parsed and throw QueryParserError
// when it has no theme-sentiment terms or no such label. REQUIRES: `db`
// outlives `qp`.
void AddThemeSentimentPrefixes(Xapian::QueryParser* qp,
                               const Xapian::Database* db);

// Responses matching `query` per label and class: three counts per label
// (keys "ID:negative", "ID:neutral", "ID:positive"), in label order.
std::vector<FacetCount> ThemeSentimentFacets(
    const Xapian::Database& db, const Xapian::Query& query,
    const std::vector<std::string>& label_ids);

// Sort key on a sortable_serialise() value of [-1, 1] (a theme's
// sentiment, the sentiment confidence) that puts responses without it last
// whichever way the sort runs. Use with
// Enquire::set_sort_by_key_then_relevance(key, descending).
class MissingLastKey : public Xapian::KeyMaker {
 public:
  MissingLastKey(Xapian::valueno slot, bool descending)
      : slot_(slot), descending_(descending) {}
  std::string operator()(const Xapian::Document& doc) const override;

 private:
  Xapian::valueno slot_;
  bool descending_;
};

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_THEME_SENTIMENT_SEARCH_H_
