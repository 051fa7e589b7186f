#include "mlp_forward.h"

#include <omp.h>

#include <algorithm>
#include <oneapi/dnnl/dnnl.hpp>
#include <vector>

namespace sift::nlp {

using dnnl::algorithm;
using dnnl::inner_product_forward;
using dnnl::memory;
using Tag = memory::format_tag;
using Type = memory::data_type;

struct MlpForward::State {
  int batch = 0, in = 0, hidden = 0, labels = 0;
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  inner_product_forward layer1, layer2;
  memory src, w1, b1, mid, w2, b2, dst;
  std::vector<float> src_buffer, mid_buffer, dst_buffer, b1_buffer, b2_buffer;
};

namespace {

// While alive, oneDNN runs on the calling thread alone: at a few hundred
// rows the layers take microseconds, and an OpenMP team would spin on the
// cores the featurisers need. Kernels are planned for the thread count at
// primitive creation, so creation is wrapped too.
class SingleThreaded {
 public:
  SingleThreaded() : saved_(omp_get_max_threads()) { omp_set_num_threads(1); }
  ~SingleThreaded() { omp_set_num_threads(saved_); }

 private:
  int saved_;
};

// Builds one inner product (bias, optional ReLU) and reorders `weights`
// (out x in, row-major) into the primitive's preferred layout.
inner_product_forward Layer(dnnl::engine& engine, dnnl::stream& stream,
                            int batch, int in, int out,
                            const std::vector<float>& weights, bool relu,
                            memory* weights_mem) {
  memory::desc src_md({batch, in}, Type::f32, Tag::nc);
  memory::desc w_any({out, in}, Type::f32, Tag::any);
  memory::desc b_md({out}, Type::f32, Tag::a);
  memory::desc dst_md({batch, out}, Type::f32, Tag::nc);
  inner_product_forward::desc desc(dnnl::prop_kind::forward_inference, src_md,
                                   w_any, b_md, dst_md);
  dnnl::primitive_attr attr;
  if (relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  inner_product_forward::primitive_desc pd(desc, attr, engine);
  memory user({{out, in}, Type::f32, Tag::oi}, engine,
              const_cast<float*>(weights.data()));
  *weights_mem = memory(pd.weights_desc(), engine);
  dnnl::reorder(user, *weights_mem).execute(stream, user, *weights_mem);
  stream.wait();
  return inner_product_forward(pd);
}

}  // namespace

MlpForward::MlpForward(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
MlpForward::~MlpForward() = default;

Result<std::unique_ptr<MlpForward>> MlpForward::Create(const Model& model,
                                                       int batch) {
  auto s = std::make_unique<State>();
  s->batch = batch;
  s->in = model.input_dim();
  s->hidden = model.hidden;
  s->labels = model.labels();
  SingleThreaded one_thread;
  try {
    s->layer1 = Layer(s->engine, s->stream, batch, s->in, s->hidden, model.w1,
                      /*relu=*/true, &s->w1);
    s->layer2 = Layer(s->engine, s->stream, batch, s->hidden, s->labels,
                      model.w2, /*relu=*/false, &s->w2);
    s->src_buffer.assign(static_cast<std::size_t>(batch) * s->in, 0.0f);
    s->mid_buffer.assign(static_cast<std::size_t>(batch) * s->hidden, 0.0f);
    s->dst_buffer.assign(static_cast<std::size_t>(batch) * s->labels, 0.0f);
    s->b1_buffer = model.b1;
    s->b2_buffer = model.b2;
    s->src = memory({{batch, s->in}, Type::f32, Tag::nc}, s->engine,
                    s->src_buffer.data());
    s->mid = memory({{batch, s->hidden}, Type::f32, Tag::nc}, s->engine,
                    s->mid_buffer.data());
    s->dst = memory({{batch, s->labels}, Type::f32, Tag::nc}, s->engine,
                    s->dst_buffer.data());
    s->b1 = memory({{s->hidden}, Type::f32, Tag::a}, s->engine,
                   s->b1_buffer.data());
    s->b2 = memory({{s->labels}, Type::f32, Tag::a}, s->engine,
                   s->b2_buffer.data());
  } catch (const dnnl::error& e) {
    return Status::Internal(std::string("oneDNN could not set up the "
                                        "classifier's layers: ") +
                            e.what());
  }
  return std::unique_ptr<MlpForward>(new MlpForward(std::move(s)));
}

Status MlpForward::Run(const float* x, int n, float* logits) {
  State& s = *state_;
  if (n <= 0 || n > s.batch) {
    return Status::InvalidArgument("batch of " + std::to_string(n) +
                                   " rows; at most " + std::to_string(s.batch));
  }
  std::copy(x, x + static_cast<std::size_t>(n) * s.in, s.src_buffer.begin());
  std::fill(s.src_buffer.begin() + static_cast<std::size_t>(n) * s.in,
            s.src_buffer.end(), 0.0f);
  SingleThreaded one_thread;
  try {
    s.layer1.execute(s.stream, {{DNNL_ARG_SRC, s.src},
                                {DNNL_ARG_WEIGHTS, s.w1},
                                {DNNL_ARG_BIAS, s.b1},
                                {DNNL_ARG_DST, s.mid}});
    s.layer2.execute(s.stream, {{DNNL_ARG_SRC, s.mid},
                                {DNNL_ARG_WEIGHTS, s.w2},
                                {DNNL_ARG_BIAS, s.b2},
                                {DNNL_ARG_DST, s.dst}});
    s.stream.wait();
  } catch (const dnnl::error& e) {
    return Status::Internal(std::string("oneDNN inference failed: ") +
                            e.what());
  }
  std::copy(s.dst_buffer.begin(),
            s.dst_buffer.begin() + static_cast<std::size_t>(n) * s.labels,
            logits);
  return Status::Ok();
}

}  // namespace sift::nlp
