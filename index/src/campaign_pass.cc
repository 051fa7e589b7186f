#include "campaign_pass.h"

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema.h"

namespace sift::index {
namespace {

// Sets `campaign` on document `docid` ("" removes it); `current` is what
// the document holds now.
Status SetCampaign(Xapian::WritableDatabase* db, Xapian::docid docid,
                   const std::string& current, const std::string& campaign) {
  Xapian::Document doc = db->get_document(docid);
  ingest::Response r;
  std::string duplicate_of;
  schema::StoredThemes stored;
  SIFT_RETURN_IF_ERROR(
      schema::DecodeRecord(doc.get_data(), docid, &r, &duplicate_of, &stored));
  if (!current.empty()) doc.remove_term(schema::kCampaignPrefix + current);
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

// Each document's campaign now, from the XCAMP terms.
std::unordered_map<Xapian::docid, std::string> CurrentCampaigns(
    const Xapian::Database& db) {
  std::unordered_map<Xapian::docid, std::string> current;
  const std::string prefix = schema::kCampaignPrefix;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string id = (*t).substr(prefix.size());
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
      current[*p] = id;
    }
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
    const std::string term = std::string(schema::kIdPrefix).append(*v);
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
    list.push_back({{"id", c.id},
                    {"size", c.members.size()},
                    {"template", id_terms_[c.template_index].substr(
                                     std::string(schema::kIdPrefix).size())}});
    ++counts.campaigns;
    counts.members += static_cast<std::int64_t>(c.members.size());
  }
  wanted.erase(0);
  for (const auto& [docid, campaign] : wanted) {
    auto now = current.find(docid);
    std::string held = now == current.end() ? "" : now->second;
    if (held != campaign) {
      SIFT_RETURN_IF_ERROR(SetCampaign(db, docid, held, campaign));
    }
  }
  for (const auto& [docid, held] : current) {
    if (!wanted.count(docid))
      SIFT_RETURN_IF_ERROR(SetCampaign(db, docid, held, ""));
  }
  db->set_metadata("sift.campaigns", list.dump());
  return counts;
}

}  // namespace sift::index
