#include "sift/nlp/taxonomy.h"

#include <nlohmann/json.hpp>
#include <set>

#include "sift/core/file.h"

namespace sift::nlp {
namespace {

bool ValidId(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<Taxonomy> Taxonomy::Load(const std::string& path) {
  auto read = ReadWholeFile(path, "no taxonomy file");
  if (!read.ok()) return read.status();
  return Parse(read.value(), path);
}

Result<Taxonomy> Taxonomy::Parse(const std::string& json,
                                 const std::string& origin) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument(origin + ": not a JSON object");
  }
  auto labels = j.find("labels");
  if (labels == j.end() || !labels->is_array() || labels->empty()) {
    return Status::InvalidArgument(origin +
                                   ": needs a non-empty \"labels\" list");
  }
  Taxonomy t;
  t.name_ = j.value("name", "");
  std::set<std::string> seen;
  for (const auto& l : *labels) {
    if (!l.is_object() || !l.contains("id") || !l["id"].is_string()) {
      return Status::InvalidArgument(origin +
                                     ": every label needs a string \"id\"");
    }
    Label label{l["id"].get<std::string>(), l.value("name", ""),
                l.value("kind", ""), l.value("description", "")};
    if (!ValidId(label.id)) {
      return Status::InvalidArgument(origin + ": label id '" + label.id +
                                     "' must be lower-case letters, digits, _");
    }
    if (!seen.insert(label.id).second) {
      return Status::InvalidArgument(origin + ": label id '" + label.id +
                                     "' appears twice");
    }
    if (label.name.empty()) label.name = label.id;
    t.labels_.push_back(std::move(label));
  }
  return t;
}

int Taxonomy::IndexOf(const std::string& id) const {
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    if (labels_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace sift::nlp
