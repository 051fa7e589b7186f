#include "sift/index/campaigns.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "schema.h"
#include "sift/ingest/campaigns.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

// Campaign id -> (response id, display text) of its members, by id, from
// value slot 7.
Result<std::map<std::string, std::vector<std::pair<std::string, std::string>>>>
MembersByCampaign(const Xapian::Database& db) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  for (auto v = db.valuestream_begin(schema::kCampaignSlot);
       v != db.valuestream_end(schema::kCampaignSlot); ++v) {
    ingest::Response r;
    std::string duplicate_of;
    schema::StoredThemes stored;
    SIFT_RETURN_IF_ERROR(
        schema::DecodeRecord(db.get_document(v.get_docid()).get_data(),
                             v.get_docid(), &r, &duplicate_of, &stored));
    out[*v].emplace_back(r.id, r.display_text);
  }
  for (auto& [id, members] : out) std::sort(members.begin(), members.end());
  return out;
}

CampaignSummary Summarise(
    const nlohmann::json& entry,
    const std::vector<std::pair<std::string, std::string>>& members) {
  CampaignSummary c;
  c.id = entry.value("id", "");
  c.template_id = entry.value("template", "");
  for (const auto& [id, text] : members) {
    if (id == c.template_id) c.template_text = text;
  }
  for (const auto& [id, text] : members) {
    c.members.push_back(id);
    if (id == c.template_id) continue;
    auto own = ingest::PersonalAdditions(c.template_text, text);
    if (!own.empty()) c.additions.emplace_back(id, std::move(own));
  }
  c.size = static_cast<std::int64_t>(c.members.size());
  return c;
}

}  // namespace

Result<std::vector<CampaignSummary>> ListCampaigns(const std::string& db_path) {
  try {
    Xapian::Database db(db_path);
    std::string meta = db.get_metadata("sift.campaigns");
    nlohmann::json list =
        nlohmann::json::parse(meta.empty() ? "[]" : meta, nullptr, false);
    if (list.is_discarded() || !list.is_array()) {
      return Status::Corruption(db_path +
                                ": the sift.campaigns metadata is damaged; "
                                "re-run sift ingest");
    }
    auto members = MembersByCampaign(db);
    if (!members.ok()) return members.status();
    std::vector<CampaignSummary> campaigns;
    for (const auto& entry : list) {
      campaigns.push_back(Summarise(entry, (*members)[entry.value("id", "")]));
    }
    std::stable_sort(
        campaigns.begin(), campaigns.end(),
        [](const auto& a, const auto& b) { return a.size > b.size; });
    return campaigns;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, db_path);
  }
}

}  // namespace sift::index
