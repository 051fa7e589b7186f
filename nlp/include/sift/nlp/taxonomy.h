// Taxonomy: the labels a classifier assigns, loaded from data
// (models/taxonomy.json), never hard-coded. A user with another consultation
// writes their own file and trains on their own labelled data; everything
// downstream (search, digest) follows the labels found here.
//
// File format: {"name": "...", "labels": [{"id": "ideas", "name": "Ideas",
// "kind": "foundation", "description": "..."}, ...]}. Ids are lower-case
// [a-z0-9_]+, unique; at least one label.
//
// Thread safety: immutable after loading.
#ifndef SIFT_NLP_TAXONOMY_H_
#define SIFT_NLP_TAXONOMY_H_

#include <string>
#include <vector>

#include "sift/core/status.h"

namespace sift::nlp {

struct Label {
  std::string id;           // "future_mobility"
  std::string name;         // "Future of Mobility"
  std::string kind;         // "foundation", "grand_challenge", ...
  std::string description;  // what the label applies to
};

class Taxonomy {
 public:
  // Errors name `path` and the offending label.
  static Result<Taxonomy> Load(const std::string& path);
  // `origin` names the source in error messages.
  static Result<Taxonomy> Parse(const std::string& json,
                                const std::string& origin);

  const std::string& name() const { return name_; }
  const std::vector<Label>& labels() const { return labels_; }
  std::size_t size() const { return labels_.size(); }
  // Index of the label with `id`, or -1.
  int IndexOf(const std::string& id) const;

 private:
  std::string name_;
  std::vector<Label> labels_;
};

}  // namespace sift::nlp

#endif  // SIFT_NLP_TAXONOMY_H_
