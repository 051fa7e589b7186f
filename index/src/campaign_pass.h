// Internal: finding campaigns over a whole database at the end of an ingest
// run, so they span every run's responses.
#ifndef SIFT_INDEX_SRC_CAMPAIGN_PASS_H_
#define SIFT_INDEX_SRC_CAMPAIGN_PASS_H_

#include <xapian.h>

#include <cstdint>

#include "sift/core/status.h"

namespace sift::index {

struct CampaignCounts {
  std::int64_t campaigns = 0;
  std::int64_t members = 0;
};

// Runs ingest::CampaignFinder over every document's text and rewrites the
// documents whose campaign changed: the XCAMP term, value slot 7 and the
// record's "campaign" field. Writes metadata "sift.campaigns": a JSON list
// of {"id", "size", "template"} (template = the medoid's response id).
// Documents are updated, never removed. Xapian errors propagate as
// Xapian::Error for the caller to translate.
Result<CampaignCounts> UpdateCampaigns(Xapian::WritableDatabase* db);

}  // namespace sift::index

#endif  // SIFT_INDEX_SRC_CAMPAIGN_PASS_H_
