#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "byte_io.h"
#include "model.h"
#include "sift/core/file.h"

namespace sift::nlp {
namespace {

using byte_io::ModelChecksum;
using byte_io::Reader;
using byte_io::Writer;

constexpr char kMagic[8] = {'S', 'I', 'F', 'T', 'M', 'D', 'L', '\0'};
constexpr std::uint32_t kVersion = 4;
// Version 2 lacks the sentence weight (read as 0: no sentence pooling),
// version 3 the n-gram weight (read as 0: no n-gram model).
constexpr std::uint32_t kOldestVersion = 2;

void PutDenseParameters(const Model& m, Writer* w) {
  std::uint32_t rows = 0;
  for (std::uint32_t b = 0; b < m.features.buckets; ++b) {
    const float* row = &m.embeddings[static_cast<std::size_t>(b) * m.bag_dim];
    for (int d = 0; d < m.bag_dim; ++d) {
      if (row[d] != 0.0f) {
        ++rows;
        break;
      }
    }
  }
  w->Put(rows);  // only trained rows are stored
  for (std::uint32_t b = 0; b < m.features.buckets; ++b) {
    const float* row = &m.embeddings[static_cast<std::size_t>(b) * m.bag_dim];
    bool any = false;
    for (int d = 0; d < m.bag_dim && !any; ++d) any = row[d] != 0.0f;
    if (!any) continue;
    w->Put(b);
    w->bytes().append(reinterpret_cast<const char*>(row),
                      m.bag_dim * sizeof(float));
  }
  for (const auto* v : {&m.w1, &m.b1, &m.w2, &m.b2, &m.platt_a, &m.platt_b,
                        &m.thresholds, &m.prototypes}) {
    w->PutFloats(*v);
  }
}

Status GetDenseParameters(Reader* r, Model* m, const std::string& path) {
  const std::size_t L = m->labels();
  m->embeddings.assign(
      static_cast<std::size_t>(m->features.buckets) * m->bag_dim, 0.0f);
  auto rows = r->Get<std::uint32_t>();
  std::vector<float> row;
  for (std::uint32_t i = 0; i < rows && r->ok(); ++i) {
    auto bucket = r->Get<std::uint32_t>();
    r->GetFloats(m->bag_dim, &row);
    if (bucket >= m->features.buckets) {
      return Status::Corruption(path + ": embedding row out of range");
    }
    std::copy(
        row.begin(), row.end(),
        m->embeddings.begin() + static_cast<std::size_t>(bucket) * m->bag_dim);
  }
  r->GetFloats(static_cast<std::size_t>(m->hidden) * m->input_dim(), &m->w1);
  r->GetFloats(m->hidden, &m->b1);
  r->GetFloats(L * m->hidden, &m->w2);
  for (auto* v : {&m->b2, &m->platt_a, &m->platt_b, &m->thresholds}) {
    r->GetFloats(L, v);
  }
  if (m->features.label_prototypes) {
    r->GetFloats(L * static_cast<std::size_t>(m->word_dim), &m->prototypes);
  }
  return Status::Ok();
}

}  // namespace

Status WriteModel(const Model& m, const std::string& path) {
  Writer w;
  w.bytes().append(kMagic, sizeof kMagic);
  w.Put(kVersion);
  w.Put(m.vectors_checksum);
  w.PutString(m.version);
  w.Put<std::uint32_t>(static_cast<std::uint32_t>(m.label_ids.size()));
  for (const auto& id : m.label_ids) w.PutString(id);
  w.Put(m.features.buckets);
  w.Put<std::int32_t>(m.features.char_min);
  w.Put<std::int32_t>(m.features.char_max);
  w.Put<std::uint8_t>(m.features.word_bigrams ? 1 : 0);
  w.Put<std::uint8_t>(m.features.max_pool ? 1 : 0);
  w.Put<std::uint8_t>(m.features.label_prototypes ? 1 : 0);
  w.Put(m.features.sif_a);
  for (int v : {m.word_dim, m.vec_dim, m.bag_dim, m.hidden}) {
    w.Put<std::int32_t>(v);
  }
  w.Put(m.sentence_weight);
  w.Put(m.ngram_weight);
  PutDenseParameters(m, &w);
  w.Put(ModelChecksum(w.bytes()));
  return WriteFileAtomically(
      path, std::string_view(w.bytes().data(), w.bytes().size()));
}

Result<Model> ReadModel(const std::string& path) {
  auto read = ReadWholeFile(path, "no model file");
  if (!read.ok()) return read.status();
  const std::string& bytes = read.value();
  if (bytes.size() < sizeof kMagic + 12 ||
      std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return Status::Corruption(path + ": not a sift model file");
  }
  std::uint64_t stored;
  std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
  if (stored !=
      ModelChecksum(std::string_view(bytes).substr(0, bytes.size() - 8))) {
    return Status::Corruption(path +
                              ": checksum mismatch (damaged or truncated)");
  }
  Reader r(bytes);
  for (std::size_t i = 0; i < sizeof kMagic; ++i) r.Get<char>();
  const auto format = r.Get<std::uint32_t>();
  if (format < kOldestVersion || format > kVersion) {
    return Status::Corruption(
        path + ": model format version " + std::to_string(format) +
        "; this sift reads versions " + std::to_string(kOldestVersion) +
        " to " + std::to_string(kVersion));
  }
  Model m;
  m.vectors_checksum = r.Get<std::uint64_t>();
  m.version = r.GetString();
  auto labels = r.Get<std::uint32_t>();
  for (std::uint32_t i = 0; i < labels && i < 4096 && r.ok(); ++i) {
    m.label_ids.push_back(r.GetString());
  }
  m.features.buckets = r.Get<std::uint32_t>();
  m.features.char_min = r.Get<std::int32_t>();
  m.features.char_max = r.Get<std::int32_t>();
  m.features.word_bigrams = r.Get<std::uint8_t>() != 0;
  m.features.max_pool = r.Get<std::uint8_t>() != 0;
  m.features.label_prototypes = r.Get<std::uint8_t>() != 0;
  m.features.sif_a = r.Get<float>();
  m.word_dim = r.Get<std::int32_t>();
  m.vec_dim = r.Get<std::int32_t>();
  m.bag_dim = r.Get<std::int32_t>();
  m.hidden = r.Get<std::int32_t>();
  if (format >= 3) m.sentence_weight = r.Get<float>();
  if (format >= 4) m.ngram_weight = r.Get<float>();
  bool sane = r.ok() && labels > 0 && labels == m.label_ids.size() &&
              m.features.buckets > 0 && m.features.buckets <= (1u << 24) &&
              m.word_dim > 0 && m.word_dim <= 4096 && m.vec_dim > 0 &&
              m.vec_dim <= 16384 && m.bag_dim > 0 && m.bag_dim <= 1024 &&
              m.hidden > 0 && m.hidden <= 8192 && m.sentence_weight >= 0 &&
              m.sentence_weight <= 1 && m.ngram_weight >= 0 &&
              m.ngram_weight <= 1;
  if (!sane) return Status::Corruption(path + ": model header is damaged");
  SIFT_RETURN_IF_ERROR(GetDenseParameters(&r, &m, path));
  if (!r.ok() || r.pos() != bytes.size() - 8) {
    return Status::Corruption(path + ": model is truncated or has extra bytes");
  }
  return m;
}

void CompactEmbeddings(Model* model) {
  const int dim = model->bag_dim;
  model->packed_row.assign(model->features.buckets, -1);
  model->packed.clear();
  model->packed_scale.clear();
  std::int32_t next = 0;
  for (std::uint32_t b = 0; b < model->features.buckets; ++b) {
    const float* row = &model->embeddings[static_cast<std::size_t>(b) * dim];
    float largest = 0;
    for (int d = 0; d < dim; ++d)
      largest = std::max(largest, std::fabs(row[d]));
    if (largest == 0) continue;
    model->packed_row[b] = next++;
    const float scale = largest / 127.0f;
    model->packed_scale.push_back(scale);
    for (int d = 0; d < dim; ++d) {
      model->packed.push_back(
          static_cast<std::int8_t>(std::lround(row[d] / scale)));
    }
  }
  model->embeddings.clear();
  model->embeddings.shrink_to_fit();
}

float CalibratedScore(const Model& model, int label, float logit) {
  float z = model.platt_a[label] * logit + model.platt_b[label];
  return 1.0f / (1.0f + std::exp(-z));
}

}  // namespace sift::nlp
