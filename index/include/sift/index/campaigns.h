// Reading the campaigns of a sift database: organised template letters
// found at ingest (sift/ingest/campaigns.h), for `sift campaigns` and reports,
// and the repeated short answers found beside them.
//
// Campaign members stay in the index and in every count; this lists, per
// campaign, its template (the medoid response), its members, and each
// member's personal additions: the sentences of theirs that are not in the
// template, which analysts must still read.
//
// Thread safety: ListCampaigns() opens its own read-only handle; calls may
// run concurrently.
#ifndef SIFT_INDEX_CAMPAIGNS_H_
#define SIFT_INDEX_CAMPAIGNS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sift/core/status.h"

namespace sift::index {

struct CampaignSummary {
  std::string id;
  std::int64_t size = 0;
  std::string template_id;           // response id of the template
  std::string template_text;         // its display text
  std::vector<std::string> members;  // response ids, sorted
  // Members with sentences of their own: response id -> those sentences.
  std::vector<std::pair<std::string, std::vector<std::string>>> additions;
};

// The database's campaigns, largest first. NotFound when `db_path` is not
// a database.
Result<std::vector<CampaignSummary>> ListCampaigns(const std::string& db_path);

// A short answer many responses gave word for word (ingest::RepeatedAnswer):
// not a campaign, and each member still counts on its own, but worth an
// analyst's notice ("See attached file(s)": the content is elsewhere).
struct RepeatedAnswerSummary {
  std::string id;
  std::int64_t size = 0;
  std::string text;                  // the first member's display text
  std::vector<std::string> members;  // response ids, sorted
};

// The database's repeated short answers, largest first (empty for a
// database written before sift found them). NotFound when `db_path` is not
// a database.
Result<std::vector<RepeatedAnswerSummary>> ListRepeatedAnswers(
    const std::string& db_path);

}  // namespace sift::index

#endif  // SIFT_INDEX_CAMPAIGNS_H_
