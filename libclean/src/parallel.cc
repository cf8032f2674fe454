#include "zhclean/parallel.h"

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <streambuf>
#include <thread>

#include "owned_edit.h"
#include "stream_cleaner.h"
#include "utf8.h"

namespace zhclean {

using internal::OwnedEdit;

namespace {

// Reads a batch in place (std::istringstream would copy it).
class MemoryInBuf : public std::streambuf {
 public:
  explicit MemoryInBuf(std::string& s) { setg(s.data(), s.data(), s.data() + s.size()); }
};

// Appends to a string (std::ostringstream would copy it out again).
class StringOutBuf : public std::streambuf {
 public:
  explicit StringOutBuf(std::string* s) : s_(s) {}

 protected:
  std::streamsize xsputn(const char* p, std::streamsize n) override {
    s_->append(p, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) s_->push_back(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }

 private:
  std::string* s_;
};

struct OwnedReject {
  uint64_t document, offset, line;
  std::string reason, input;
  bool truncated;
};

// One batch of whole records and everything its cleaning produced.
struct Batch {
  std::string data;
  uint64_t offset = 0, line = 1;  // Of data[0] in the input.
  const StreamOptions* options = nullptr;
  std::string name;
  std::string out;
  std::vector<Diagnostic> diagnostics;
  std::vector<OwnedEdit> edits;
  std::vector<OwnedReject> rejects;
  StreamReport report;
  Status status;
  bool done = false;

  // Empties the batch for reuse, keeping its buffers' capacity.
  void Reset() {
    data.clear();
    out.clear();
    diagnostics.clear();
    edits.clear();
    rejects.clear();
    report = StreamReport();
    status = OkStatus();
    done = false;
  }
};

}  // namespace

struct ParallelCleaner::Impl {
  struct Worker {
    std::unique_ptr<Pipeline> pipeline;
    internal::StreamCleaner cleaner;  // Buffers and parser reused by every batch.
    EditSink sink;
    Batch* current = nullptr;
    std::thread thread;
  };
  std::vector<std::unique_ptr<Worker>> workers;
  const EditSink* explain = nullptr;
  std::mutex mu;
  std::condition_variable work_ready, batch_done;
  std::deque<Batch*> queue;
  std::vector<std::unique_ptr<Batch>> free_batches;  // Main thread only.
  bool stopping = false;

  void Run(Worker* w);
  void Process(Worker* w, Batch* b);
  Status ReadBatch(std::istream& in, char separator, size_t size, std::string* carry,
                   bool* eof, Batch* b);
};

void ParallelCleaner::Impl::Process(Worker* w, Batch* b) {
  MemoryInBuf in_buf(b->data);
  std::istream in(&in_buf);
  StringOutBuf out_buf(&b->out);
  std::ostream out(&out_buf);
  w->current = b;
  StreamOptions options = *b->options;
  if (options.rejects) {
    options.rejects = [b](const RejectedDocument& r) {
      b->rejects.push_back({r.document, r.offset + b->offset, r.line + b->line - 1,
                            std::string(r.reason), std::string(r.input), r.truncated});
    };
  }
  b->status = w->cleaner.Clean(b->name, in, out, w->pipeline.get(), options, &b->report,
                               [b](const Diagnostic& d) { b->diagnostics.push_back(d); });
  for (Diagnostic& d : b->diagnostics) {
    d.byte_offset += b->offset;
    d.line += b->line - 1;
  }
}

void ParallelCleaner::Impl::Run(Worker* w) {
  while (true) {
    Batch* b;
    {
      std::unique_lock<std::mutex> lock(mu);
      work_ready.wait(lock, [this] { return stopping || !queue.empty(); });
      if (queue.empty()) return;
      b = queue.front();
      queue.pop_front();
    }
    Process(w, b);
    {
      std::lock_guard<std::mutex> lock(mu);
      b->done = true;
    }
    batch_done.notify_all();
  }
}

// Fills b->data with whole records (at least one; the last without a
// separator only at end of input) of about `size` bytes: what *carry holds
// (the start of a record), then input read in place; the bytes after the
// last record go back to *carry.
Status ParallelCleaner::Impl::ReadBatch(std::istream& in, char separator, size_t size,
                                        std::string* carry, bool* eof, Batch* b) {
  b->data.swap(*carry);
  carry->clear();
  std::string& d = b->data;
  while (true) {
    if (d.size() >= size || (*eof && !d.empty())) {
      size_t cut = d.rfind(separator, std::min(size, d.size()) - 1);
      if (cut == std::string::npos) cut = d.find(separator);
      if (cut == std::string::npos && *eof) cut = d.size() - 1;
      if (cut != std::string::npos) {
        carry->assign(d, cut + 1, std::string::npos);
        d.resize(cut + 1);
        return OkStatus();
      }
    }
    if (*eof) return OkStatus();  // Nothing left.
    size_t old = d.size();
    d.resize(old + size);
    in.read(d.data() + old, static_cast<std::streamsize>(size));
    d.resize(old + static_cast<size_t>(in.gcount()));
    if (in.bad()) return IoError("read failed");
    if (static_cast<size_t>(in.gcount()) < size) *eof = true;
  }
}

ParallelCleaner::ParallelCleaner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ParallelCleaner::~ParallelCleaner() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->work_ready.notify_all();
  for (auto& w : impl_->workers) w->thread.join();
}

StatusOr<std::unique_ptr<ParallelCleaner>> ParallelCleaner::Create(
    const PipelineFactory& factory, size_t jobs, const EditSink* explain) {
  auto impl = std::make_unique<Impl>();
  impl->explain = explain;
  for (size_t i = 0; i < std::max<size_t>(jobs, 1); ++i) {
    auto w = std::make_unique<Impl::Worker>();
    Impl::Worker* raw = w.get();
    w->sink = [raw](const Edit& e) {
      raw->current->edits.emplace_back(e);
    };
    ZHCLEAN_ASSIGN_OR_RETURN(w->pipeline, factory(explain && *explain ? &w->sink : nullptr));
    impl->workers.push_back(std::move(w));
  }
  Impl* p = impl.get();
  for (auto& w : impl->workers) {
    Impl::Worker* raw = w.get();
    w->thread = std::thread([p, raw] { p->Run(raw); });
  }
  return std::unique_ptr<ParallelCleaner>(new ParallelCleaner(std::move(impl)));
}

std::vector<const Pipeline*> ParallelCleaner::pipelines() const {
  std::vector<const Pipeline*> out;
  for (const auto& w : impl_->workers) out.push_back(w->pipeline.get());
  return out;
}

Status ParallelCleaner::Clean(std::string_view name, std::istream& in, std::ostream& out,
                              const StreamOptions& options, StreamReport* report,
                              const DiagnosticSink& diag) {
  if (options.format == DocumentFormat::kText && !options.nul_separated) {
    return InvalidArgumentError("parallel cleaning needs line, NUL or JSONL documents");
  }
  char separator = options.nul_separated ? '\0' : '\n';
  StreamOptions batch_options = options;
  batch_options.progress = nullptr;  // Reported per batch, in order, below.
  batch_options.max_warnings = 0;    // Capped below, over the whole input.
  size_t shown_warnings = 0;
  uint64_t hidden_warnings = 0;
  std::string carry;
  bool eof = false;
  uint64_t offset = 0, line = 1, documents = 0;
  std::deque<std::unique_ptr<Batch>> inflight;
  Status status;
  while (status.ok() && (!eof || !carry.empty() || !inflight.empty())) {
    while (inflight.size() < 3 * impl_->workers.size() && (!eof || !carry.empty())) {
      std::unique_ptr<Batch> b;
      if (impl_->free_batches.empty()) {
        b = std::make_unique<Batch>();
      } else {
        b = std::move(impl_->free_batches.back());
        impl_->free_batches.pop_back();
      }
      status = impl_->ReadBatch(in, separator, options.chunk_size, &carry, &eof, b.get());
      if (!status.ok() || b->data.empty()) {
        impl_->free_batches.push_back(std::move(b));
        break;
      }
      b->offset = offset;
      b->line = line;
      b->options = &batch_options;
      b->name = std::string(name);
      offset += b->data.size();
      line += internal::CountNewlines(b->data);
      {
        std::lock_guard<std::mutex> lock(impl_->mu);
        impl_->queue.push_back(b.get());
      }
      impl_->work_ready.notify_one();
      inflight.push_back(std::move(b));
    }
    if (inflight.empty()) break;
    Batch* front = inflight.front().get();
    {
      std::unique_lock<std::mutex> lock(impl_->mu);
      impl_->batch_done.wait(lock, [front] { return front->done; });
    }
    for (const Diagnostic& d : front->diagnostics) {
      bool hide = d.warning && options.max_warnings != 0 && shown_warnings >= options.max_warnings;
      hidden_warnings += hide;
      shown_warnings += d.warning && !hide;
      if (!hide && diag) diag(d);
    }
    for (const OwnedReject& r : front->rejects) {
      options.rejects(RejectedDocument{r.document + documents, r.offset, r.line, r.reason, r.input,
                                       r.truncated});
    }
    for (const OwnedEdit& e : front->edits) {
      if (!impl_->explain) break;
      Edit edit = e.view();
      edit.document += documents;
      (*impl_->explain)(edit);
    }
    if (status.ok()) status = front->status;
    if (!options.check) out.write(front->out.data(), static_cast<std::streamsize>(front->out.size()));
    if (!out) status = IoError(std::string("write failed: ") + std::strerror(errno));
    report->Merge(front->report);
    if (options.progress) options.progress(front->data.size(), front->report.documents);
    documents += front->report.documents;
    inflight.front()->Reset();
    impl_->free_batches.push_back(std::move(inflight.front()));
    inflight.pop_front();
  }
  // On an error, let the workers finish what they hold before returning.
  for (auto& b : inflight) {
    std::unique_lock<std::mutex> lock(impl_->mu);
    impl_->batch_done.wait(lock, [&b] { return b->done; });
  }
  if (hidden_warnings > 0 && diag) {
    Diagnostic d;
    d.path = std::string(name);
    d.warning = true;
    d.message = std::to_string(hidden_warnings) + " more warning(s) not shown";
    diag(d);
  }
  return status;
}

}  // namespace zhclean
