#include "campaign_pass.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schema.h"
#include "sift/ingest/campaigns.h"

namespace sift::index {
namespace {

// Sets `campaign` on document `docid` if it differs from what it holds.
Status SetCampaign(Xapian::WritableDatabase* db, Xapian::docid docid,
                   const std::string& campaign) {
  Xapian::Document doc = db->get_document(docid);
  std::string current = doc.get_value(schema::kCampaignSlot);
  if (current == campaign) return Status::Ok();
  ingest::Response r;
  std::string duplicate_of;
  schema::StoredThemes stored;
  SIFT_RETURN_IF_ERROR(
      schema::DecodeRecord(doc.get_data(), docid, &r, &duplicate_of, &stored));
  if (!current.empty()) {
    try {
      doc.remove_term(schema::kCampaignPrefix + current);
    } catch (const Xapian::InvalidArgumentError&) {
      // The term was already gone; nothing to remove.
    }
  }
  if (campaign.empty()) {
    doc.remove_value(schema::kCampaignSlot);
  } else {
    doc.add_boolean_term(schema::kCampaignPrefix + campaign);
    doc.add_value(schema::kCampaignSlot, campaign);
  }
  stored.campaign = campaign;
  doc.set_data(schema::EncodeRecord(r, duplicate_of, stored));
  db->replace_document(docid, doc);
  return Status::Ok();
}

}  // namespace

Result<CampaignCounts> UpdateCampaigns(Xapian::WritableDatabase* db) {
  ingest::CampaignFinder finder;
  std::vector<Xapian::docid> docids;
  std::vector<std::string> ids;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    Xapian::Document doc = db->get_document(*it);
    ingest::Response r;
    std::string duplicate_of;
    schema::StoredThemes stored;
    SIFT_RETURN_IF_ERROR(
        schema::DecodeRecord(doc.get_data(), *it, &r, &duplicate_of, &stored));
    finder.Add(r.display_text);
    docids.push_back(*it);
    ids.push_back(r.id);
  }
  std::vector<std::string> campaign_of(docids.size());
  nlohmann::json list = nlohmann::json::array();
  CampaignCounts counts;
  for (const ingest::Campaign& c : finder.Find()) {
    for (std::size_t m : c.members) campaign_of[m] = c.id;
    list.push_back({{"id", c.id},
                    {"size", c.members.size()},
                    {"template", ids[c.template_index]}});
    ++counts.campaigns;
    counts.members += static_cast<std::int64_t>(c.members.size());
  }
  for (std::size_t i = 0; i < docids.size(); ++i) {
    SIFT_RETURN_IF_ERROR(SetCampaign(db, docids[i], campaign_of[i]));
  }
  db->set_metadata("sift.campaigns", list.dump());
  return counts;
}

}  // namespace sift::index
