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

// The display text of the response with unique id `id`, "" if none.
Result<std::string> DisplayText(const Xapian::Database& db,
                                const std::string& id) {
  const std::string term = schema::IdTerm(id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::string();
  ingest::Response r;
  std::string duplicate_of;
  schema::StoredThemes stored;
  SIFT_RETURN_IF_ERROR(schema::DecodeRecord(db.get_document(*it).get_data(),
                                            *it, &r, &duplicate_of, &stored));
  return r.display_text;
}

Status DamagedMetadata(const std::string& db_path, const std::string& key) {
  return Status::Corruption(db_path + ": the " + key +
                            " metadata is damaged; re-run sift ingest");
}

// The metadata list under `key` ("[]" when absent); Corruption naming the
// database when it is not a JSON list.
Result<nlohmann::json> MetadataList(const Xapian::Database& db,
                                    const std::string& db_path,
                                    const std::string& key) {
  std::string meta = db.get_metadata(key);
  nlohmann::json list =
      nlohmann::json::parse(meta.empty() ? "[]" : meta, nullptr, false);
  if (list.is_discarded() || !list.is_array()) {
    return DamagedMetadata(db_path, key);
  }
  return list;
}

}  // namespace

Result<std::vector<RepeatedAnswerSummary>> ListRepeatedAnswers(
    const std::string& db_path) {
  try {
    Xapian::Database db(db_path);
    auto list = MetadataList(db, db_path, "sift.repeated_answers");
    if (!list.ok()) return list.status();
    std::vector<RepeatedAnswerSummary> out;
    for (const auto& entry : *list) {
      RepeatedAnswerSummary r;
      r.id = entry.value("id", "");
      r.members = entry.value("members", std::vector<std::string>{});
      if (r.members.empty()) continue;
      auto text = DisplayText(db, r.members.front());
      if (!text.ok()) return text.status();
      r.text = std::move(text).value();
      std::sort(r.members.begin(), r.members.end());
      r.size = static_cast<std::int64_t>(r.members.size());
      out.push_back(std::move(r));
    }
    return out;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, db_path);
  } catch (const nlohmann::json::exception&) {  // an entry of wrong types
    return DamagedMetadata(db_path, "sift.repeated_answers");
  }
}

Result<std::vector<CampaignSummary>> ListCampaigns(const std::string& db_path) {
  try {
    Xapian::Database db(db_path);
    auto list = MetadataList(db, db_path, "sift.campaigns");
    if (!list.ok()) return list.status();
    auto members = MembersByCampaign(db);
    if (!members.ok()) return members.status();
    std::vector<CampaignSummary> campaigns;
    for (const auto& entry : *list) {
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
