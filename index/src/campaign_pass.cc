#include "campaign_pass.h"

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema.h"

namespace sift::index {
namespace {

// Sets `campaign` on document `docid` ("" removes it): a value change
// only, which Xapian applies without touching the document's terms.
void SetCampaign(Xapian::WritableDatabase* db, Xapian::docid docid,
                 const std::string& campaign) {
  Xapian::Document doc = db->get_document(docid);
  if (campaign.empty()) {
    doc.remove_value(schema::kCampaignSlot);
  } else {
    doc.add_value(schema::kCampaignSlot, campaign);
  }
  db->replace_document(docid, doc);
}

// Each document's campaign now, from value slot 7.
std::unordered_map<Xapian::docid, std::string> CurrentCampaigns(
    const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> current;
  for (auto v = db.valuestream_begin(schema::kCampaignSlot);
       v != db.valuestream_end(schema::kCampaignSlot); ++v) {
    current[v.get_docid()] = *v;
  }
  return current;
}

Xapian::docid DocidOf(const Xapian::Database& db, const std::string& term) {
  auto it = db.postlist_begin(term);
  return it == db.postlist_end(term) ? 0 : *it;
}

}  // namespace

void CampaignPass::Add(const std::string& id_term,
                       std::string_view display_text) {
  if (!seen_.insert(id_term).second) return;
  finder_.Add(display_text);
  id_terms_.push_back(id_term);
}

Result<CampaignCounts> CampaignPass::Finish(Xapian::WritableDatabase* db) {
  // Responses from earlier runs that this run did not rewrite.
  for (auto v = db->valuestream_begin(schema::kIdSlot);
       v != db->valuestream_end(schema::kIdSlot); ++v) {
    const std::string term = schema::IdTerm(*v);
    if (seen_.count(term)) continue;
    ingest::Response r;
    std::string duplicate_of;
    schema::StoredThemes stored;
    SIFT_RETURN_IF_ERROR(
        schema::DecodeRecord(db->get_document(v.get_docid()).get_data(),
                             v.get_docid(), &r, &duplicate_of, &stored));
    Add(term, r.display_text);
  }
  std::unordered_map<Xapian::docid, std::string> current =
      CurrentCampaigns(*db);
  std::unordered_map<Xapian::docid, std::string> wanted;
  nlohmann::json list = nlohmann::json::array();
  CampaignCounts counts;
  for (const ingest::Campaign& c : finder_.Find()) {
    for (std::size_t m : c.members) wanted[DocidOf(*db, id_terms_[m])] = c.id;
    list.push_back(
        {{"id", c.id},
         {"size", c.members.size()},
         {"template", schema::ResponseIdOf(id_terms_[c.template_index])}});
    ++counts.campaigns;
    counts.members += static_cast<std::int64_t>(c.members.size());
  }
  wanted.erase(0);
  for (const auto& [docid, campaign] : wanted) {
    auto now = current.find(docid);
    std::string held = now == current.end() ? "" : now->second;
    if (held != campaign) SetCampaign(db, docid, campaign);
  }
  for (const auto& [docid, held] : current) {
    if (!wanted.count(docid)) SetCampaign(db, docid, "");
  }
  db->set_metadata("sift.campaigns", list.dump());
  nlohmann::json repeated = nlohmann::json::array();
  for (const ingest::RepeatedAnswer& r : finder_.FindRepeated()) {
    nlohmann::json ids = nlohmann::json::array();
    for (std::size_t m : r.members)
      ids.push_back(schema::ResponseIdOf(id_terms_[m]));
    repeated.push_back({{"id", r.id}, {"members", std::move(ids)}});
    ++counts.repeated_answers;
    counts.repeated_members += static_cast<std::int64_t>(r.members.size());
  }
  db->set_metadata("sift.repeated_answers", repeated.dump());
  return counts;
}

}  // namespace sift::index
