// Internal: the digest's sections other than the themes.
#ifndef SIFT_REPORT_SRC_DIGEST_SECTIONS_H_
#define SIFT_REPORT_SRC_DIGEST_SECTIONS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "digest_corpus.h"
#include "sift/core/status.h"
#include "sift/index/searcher.h"
#include "sift/nlp/classifier.h"

namespace sift::report {

// A facet list as JSON; sector ids get readable labels ("life_sciences" ->
// "Life sciences").
nlohmann::ordered_json FacetList(const std::vector<index::FacetCount>& counts,
                                 bool sectors = false);

// "life_sciences" -> "Life sciences".
std::string SectorLabel(const std::string& id);

// Responses carrying label index `label` (every response when label < 0),
// counting each campaign once: those in no campaign plus the number of
// distinct campaigns among the rest.
std::int64_t CampaignCollapsedCount(const Corpus& corpus, int label);

// Counts of the whole database: `all` is a facet search matching everything.
nlohmann::ordered_json OverviewJson(const index::SearchResult& all,
                                    const Corpus& corpus,
                                    index::Searcher* searcher);

// Sector x sentiment shares and sector x theme mean sentiment (null under
// 5 responses), sectors in `sectors` order.
nlohmann::ordered_json SentimentBySectorJson(
    const Corpus& corpus, const std::vector<index::FacetCount>& sectors);

Result<nlohmann::ordered_json> CampaignsJson(const std::string& db_path);

// The repeated short answers (index::ListRepeatedAnswers): id, size, text
// and members of each, largest first.
Result<nlohmann::ordered_json> RepeatedAnswersJson(const std::string& db_path);

// Responses with no label or flagged for review, summarised like a theme.
Result<nlohmann::ordered_json> OutsideTaxonomyJson(const Corpus& corpus,
                                                   std::int64_t responses,
                                                   int quotes);

nlohmann::ordered_json MethodologyJson(const index::Searcher& searcher,
                                       const nlp::Classifier& classifier,
                                       const std::string& model_dir);

}  // namespace sift::report

#endif  // SIFT_REPORT_SRC_DIGEST_SECTIONS_H_
