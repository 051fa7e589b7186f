#include "sift/index/campaigns.h"

#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "schema.h"
#include "sift/ingest/campaigns.h"
#include "xapian_status.h"

namespace sift::index {
namespace {

// The id and display text of every document holding `term`, by id.
Result<std::vector<std::pair<std::string, std::string>>> Members(
    const Xapian::Database& db, const std::string& term) {
  std::vector<std::pair<std::string, std::string>> members;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    ingest::Response r;
    std::string duplicate_of;
    schema::StoredThemes stored;
    SIFT_RETURN_IF_ERROR(schema::DecodeRecord(db.get_document(*it).get_data(),
                                              *it, &r, &duplicate_of, &stored));
    members.emplace_back(r.id, r.display_text);
  }
  std::sort(members.begin(), members.end());
  return members;
}

Result<CampaignSummary> Summarise(const Xapian::Database& db,
                                  const nlohmann::json& entry) {
  CampaignSummary c;
  c.id = entry.value("id", "");
  c.template_id = entry.value("template", "");
  auto members = Members(db, schema::kCampaignPrefix + c.id);
  if (!members.ok()) return members.status();
  for (const auto& [id, text] : *members) {
    if (id == c.template_id) c.template_text = text;
  }
  for (const auto& [id, text] : *members) {
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
    std::vector<CampaignSummary> campaigns;
    for (const auto& entry : list) {
      auto c = Summarise(db, entry);
      if (!c.ok()) return c.status();
      campaigns.push_back(std::move(c).value());
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
