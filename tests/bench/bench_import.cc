// Item import throughput and memory, per format, against raw LevelDB writes of the same items
// measured in the same run.
//
// The benchmark writes item files of N items (default 1,000,000; --quick 10,000) in each
// format: DynamoDB JSON lines and array, S3-export lines, plain JSON (array) and CSV, plus a
// DynamoDB JSON file of N/10 items. Each import then runs in a child process of its own (the
// benchmark re-executes itself), so that its peak resident memory (VmHWM of
// /proc/self/status) is its own: growth = VmHWM - VmRSS just before the import. A streamed
// import grows by LevelDB's bounded buffers, not by the file: the growth at N and N/10 items
// is printed side by side. The baseline child writes the same items, already encoded, to a
// raw LevelDB with the engine's options in batches of 1,000, then reads them once (the import
// ends with the engine's statistics recount, one pass over the table).
//
// Last line:
//   RESULT import_items_per_s=… import_ratio=… peak_rss_mb=… rss_growth_mb=…
//          rss_growth_small_mb=… raw_rss_growth_mb=… rss_overhead_mb=… rss_overhead_small_mb=…
//          <format>_items_per_s=… … <format>_ratio=… … min_format_ratio=…
//          <format>_cpu_ratio=… … min_format_cpu_ratio=…
// import_items_per_s and import_ratio are for DynamoDB JSON lines (ratio = import / raw
// LevelDB items per second), <format>_ratio the same for each format (against raw LevelDB
// writes measured again just before that format's import) and min_format_ratio the lowest of
// them; <format>_cpu_ratio the same with items per CPU-second (user + system time of
// the child, every thread: less sensitive to other load on the machine than wall time, and
// stricter, as LevelDB's compaction thread counts in full); rss_overhead(_small)_mb = the import's
// growth minus raw LevelDB's for the same N (N/10) items, i.e. what the importer itself holds.

#include <leveldb/db.h>
#include <leveldb/write_batch.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QDir>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "api/dispatch.h"
#include "raw_leveldb.h"
#include "storage/engine.h"
#include "storage/storage_layout.h"
#include "transfer/item_import.h"
#include "values/attribute_json.h"
#include "values/item_size.h"
#include "values/stored_item.h"

using namespace shardscape;

namespace {

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

long statusKb(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const size_t length = std::strlen(field);
    while (std::getline(status, line))
        if (line.compare(0, length, field) == 0) return std::stol(line.substr(length));
    return 0;
}

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "bench_import: %s\n", message.c_str());
    std::exit(1);
}

// --- The items -------------------------------------------------------------------------
// Item i, ~200 bytes by DynamoDB's size rules, the shape bench_engine uses.
struct Fields {
    std::string pk, name, email, status, score, address, notes;
};

Fields fieldsOf(int i) {
    char pk[32];
    std::snprintf(pk, sizeof pk, "user#%08d", i);
    Fields f;
    f.pk = pk;
    f.name = "Customer number " + std::to_string(i);
    f.email = "customer" + std::to_string(i) + "@example.com";
    f.status = i % 3 ? "ACTIVE" : "SUSPENDED";
    f.score = std::to_string(i % 100000);
    f.address = "221B Baker Street, Marylebone, London NW1 6XE, UK";
    f.notes = std::string(60, 'n');
    return f;
}

Item itemOf(int i) {
    const Fields f = fieldsOf(i);
    Item item;
    item.emplace("pk", AttributeValue::string(f.pk));
    item.emplace("name", AttributeValue::string(f.name));
    item.emplace("email", AttributeValue::string(f.email));
    item.emplace("status", AttributeValue::string(f.status));
    item.emplace("score", AttributeValue::number(f.score));
    item.emplace("address", AttributeValue::string(f.address));
    item.emplace("notes", AttributeValue::string(f.notes));
    return item;
}

struct FileSpec {
    const char* name;    // in the RESULT line
    const char* format;  // ItemFormat name
    bool array;
};

const FileSpec kFiles[] = {{"dynamodb_json_lines", "dynamodb-json", false},
                           {"dynamodb_json_array", "dynamodb-json", true},
                           {"s3_export", "s3-export", false},
                           {"json_array", "json", true},
                           {"csv", "csv", false}};

std::string recordText(const FileSpec& spec, int i) {
    const Fields f = fieldsOf(i);
    const std::string format = spec.format;
    if (format == "csv")
        return f.pk + ",\"" + f.name + "\"," + f.email + "," + f.status + "," + f.score + ",\"" +
               f.address + "\"," + f.notes;
    if (format == "json")
        return "{\"pk\":\"" + f.pk + "\",\"name\":\"" + f.name + "\",\"email\":\"" + f.email +
               "\",\"status\":\"" + f.status + "\",\"score\":" + f.score + ",\"address\":\"" +
               f.address + "\",\"notes\":\"" + f.notes + "\"}";
    auto s = [](const std::string& v) { return "{\"S\":\"" + v + "\"}"; };
    std::string item = "{\"pk\":" + s(f.pk) + ",\"name\":" + s(f.name) +
                       ",\"email\":" + s(f.email) + ",\"status\":" + s(f.status) +
                       ",\"score\":{\"N\":\"" + f.score + "\"},\"address\":" + s(f.address) +
                       ",\"notes\":" + s(f.notes) + "}";
    return format == "s3-export" ? "{\"Item\":" + item + "}" : item;
}

// Written record by record: the generator holds no more than the importer will.
uint64_t writeFile(const FileSpec& spec, int count, const std::string& path) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (std::string(spec.format) == "csv") out << "pk,name,email,status,score:N,address,notes\n";
    if (spec.array) out << "[\n";
    for (int i = 0; i < count; ++i) {
        out << recordText(spec, i);
        if (spec.array && i + 1 < count) out << ',';
        out << '\n';
    }
    if (spec.array) out << "]\n";
    out.flush();
    if (!out) fail("cannot write " + path);
    return static_cast<uint64_t>(out.tellp());
}

// --- Children: one measurement each ------------------------------------------------------
struct Measurement {
    long items = 0;
    double seconds = 0;
    double cpuSeconds = 0;  // user + system, every thread (LevelDB's compaction too)
    long peakKb = 0;
    long baseKb = 0;
    double rate() const { return seconds > 0 ? items / seconds : 0; }
    double cpuRate() const { return cpuSeconds > 0 ? items / cpuSeconds : 0; }
    double growthMb() const { return (peakKb - baseKb) / 1024.0; }
};

void printMeasurement(const Measurement& m) {
    std::printf("%ld %.6f %ld %ld %.6f\n", m.items, m.seconds, m.peakKb, m.baseKb, m.cpuSeconds);
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int childImport(const std::string& format, const std::string& file, const std::string& dir) {
    auto engine = Engine::open(dir);
    if (!engine) fail(engine.error().message);
    auto created = dispatch(**engine, "CreateTable", Json::parse(R"J({"TableName": "Imported",
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})J"));
    if (!created) fail(created.error().message);
    ImportOptions options;
    options.format = *itemFormatFromName(format);
    int64_t calls = 0;
    options.progress = [&](const ImportProgress&) { return ++calls > 0; };
    Measurement m;
    m.baseKb = statusKb("VmRSS:");
    const double cpuStarted = cpuSeconds();
    const auto started = Clock::now();
    auto report = importItemsFromFile(**engine, "Imported", file, options);
    m.seconds = secondsSince(started);
    m.cpuSeconds = cpuSeconds() - cpuStarted;
    m.peakKb = statusKb("VmHWM:");
    if (!report) fail(report.error().message);
    if (!report->complete()) fail(format + " import incomplete:\n" + report->summary());
    if (calls < 2) fail("no progress was reported");
    auto described = (*engine)->describeTable("Imported");
    if (!described || described->second.itemCount != report->imported)
        fail("the table does not hold the imported items");
    m.items = static_cast<long>(report->imported);
    printMeasurement(m);
    return 0;
}

int childRaw(int count, const std::string& dir) {
    // The engine's LevelDB options, so the ratio measures what the import adds.
    const shardscape::testing::RawLevelDb raw(dir);
    leveldb::DB* db = raw.db.get();
    Measurement m;
    m.baseKb = statusKb("VmRSS:");
    const double cpuStarted = cpuSeconds();
    const auto started = Clock::now();
    leveldb::WriteBatch batch;
    for (int i = 0; i < count; ++i) {
        // Items are made (not parsed) here: the baseline is storage alone.
        const Item item = itemOf(i);
        batch.Put(layout::itemKey(1, item.at("pk"), nullptr),
                  StoredItem::fromItem(item, itemSize(item)).record());
        if ((i + 1) % 1000 == 0 || i + 1 == count) {
            if (!db->Write(leveldb::WriteOptions(), &batch).ok()) fail("raw write failed");
            batch.Clear();
        }
    }
    // The import ends with the engine's statistics recount, one pass over the table: so
    // does the baseline.
    leveldb::ReadOptions scan;
    scan.fill_cache = false;
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator(scan));
    long seen = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) seen += it->value().size() > 0;
    if (seen != count) fail("raw scan saw " + std::to_string(seen) + " records");
    it.reset();
    m.seconds = secondsSince(started);
    m.cpuSeconds = cpuSeconds() - cpuStarted;
    m.peakKb = statusKb("VmHWM:");
    m.items = count;
    printMeasurement(m);
    return 0;
}

Measurement runChild(const std::string& arguments) {
    char self[4096];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0) fail("cannot find /proc/self/exe");
    self[length] = '\0';
    const std::string command = std::string("'") + self + "' " + arguments;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) fail("cannot run " + command);
    Measurement m;
    const int fields = std::fscanf(pipe, "%ld %lf %ld %ld %lf", &m.items, &m.seconds, &m.peakKb,
                                   &m.baseKb, &m.cpuSeconds);
    const int status = pclose(pipe);
    if (fields != 5 || status != 0) fail("child failed: " + command);
    return m;
}

std::string quoted(const std::string& path) {
    return "'" + path + "'";
}

}  // namespace

int main(int argc, char** argv) {
    int count = 1000000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--child-import" && i + 3 < argc)
            return childImport(argv[i + 1], argv[i + 2], argv[i + 3]);
        if (arg == "--child-raw" && i + 2 < argc)
            return childRaw(std::atoi(argv[i + 1]), argv[i + 2]);
        if (arg == "--quick") {
            count = 10000;
        } else if (arg == "--items" && i + 1 < argc) {
            count = std::max(10, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_import [--quick] [--items N]\n");
            return 2;
        }
    }
    const int small = count / 10;
    QTemporaryDir work;
    if (!work.isValid()) fail("no temporary directory");
    const std::string dir = work.path().toStdString();

    std::printf("%d items per file (%d for the small one)\n", count, small);
    const Measurement raw =
        runChild("--child-raw " + std::to_string(count) + " " + quoted(dir + "/raw"));
    std::printf(
        "%-22s %10.0f items/s  %8.0f items per CPU-second  peak RSS %6.1f MB  growth "
        "%6.1f MB\n",
        "raw LevelDB", raw.rate(), raw.cpuRate(), raw.peakKb / 1024.0, raw.growthMb());

    std::string perFormat, perFormatRatio, perFormatCpuRatio;
    double minRatio = 1e9, minCpuRatio = 1e9;
    Measurement lines;
    long peakKb = 0;
    for (const FileSpec& spec : kFiles) {
        const std::string file = dir + "/" + spec.name;
        const uint64_t bytes = writeFile(spec, count, file);
        // The raw writes again just before each import: the machine's load changes over a
        // run, and each format's ratio is against the baseline measured next to it.
        const std::string pairedDir = dir + "/raw-" + spec.name;
        const Measurement paired =
            runChild("--child-raw " + std::to_string(count) + " " + quoted(pairedDir));
        QDir(QString::fromStdString(pairedDir)).removeRecursively();
        const Measurement m = runChild(std::string("--child-import ") + spec.format + " " +
                                       quoted(file) + " " + quoted(dir + "/db-" + spec.name));
        if (m.items != count) fail(std::string(spec.name) + ": wrong item count");
        std::remove(file.c_str());
        QDir(QString::fromStdString(dir + "/db-" + spec.name)).removeRecursively();
        std::printf(
            "%-22s %10.0f items/s  %8.0f items per CPU-second  peak RSS %6.1f MB  growth "
            "%6.1f MB  (%.0f MB file)\n",
            spec.name, m.rate(), m.cpuRate(), m.peakKb / 1024.0, m.growthMb(), bytes / 1048576.0);
        std::printf("%-22s %10.0f items/s  %8.0f items per CPU-second  (raw LevelDB just before)\n",
                    "", paired.rate(), paired.cpuRate());
        char figure[96];
        std::snprintf(figure, sizeof figure, " %s_items_per_s=%.0f", spec.name, m.rate());
        perFormat += figure;
        const double ratio = paired.rate() > 0 ? m.rate() / paired.rate() : 0;
        std::snprintf(figure, sizeof figure, " %s_ratio=%.2f", spec.name, ratio);
        perFormatRatio += figure;
        minRatio = std::min(minRatio, ratio);
        const double cpuRatio = paired.cpuRate() > 0 ? m.cpuRate() / paired.cpuRate() : 0;
        std::snprintf(figure, sizeof figure, " %s_cpu_ratio=%.2f", spec.name, cpuRatio);
        perFormatCpuRatio += figure;
        minCpuRatio = std::min(minCpuRatio, cpuRatio);
        peakKb = std::max(peakKb, m.peakKb);
        if (&spec == &kFiles[0]) lines = m;
    }
    const std::string smallFile = dir + "/small";
    writeFile(kFiles[0], small, smallFile);
    const Measurement few = runChild("--child-import dynamodb-json " + quoted(smallFile) + " " +
                                     quoted(dir + "/db-small"));
    std::printf("%-22s %10.0f items/s  peak RSS %6.1f MB  growth %6.1f MB  (%d items)\n",
                "dynamodb_json_lines", few.rate(), few.peakKb / 1024.0, few.growthMb(), small);
    const Measurement rawFew =
        runChild("--child-raw " + std::to_string(small) + " " + quoted(dir + "/raw-small"));
    std::printf("%-22s %10.0f items/s  peak RSS %6.1f MB  growth %6.1f MB  (%d items)\n",
                "raw LevelDB", rawFew.rate(), rawFew.peakKb / 1024.0, rawFew.growthMb(), small);
    // What the import holds beyond LevelDB's own buffers (memtables, block cache), which
    // fill the same way for raw writes: constant if the import streams.
    const double overhead = lines.growthMb() - raw.growthMb();
    const double overheadSmall = few.growthMb() - rawFew.growthMb();
    std::printf("import memory beyond raw LevelDB: %.1f MB at %d items, %.1f MB at %d items\n",
                overheadSmall, small, overhead, count);

    std::printf(
        "RESULT import_items_per_s=%.0f import_ratio=%.2f peak_rss_mb=%.1f rss_growth_mb=%.1f "
        "rss_growth_small_mb=%.1f raw_rss_growth_mb=%.1f rss_overhead_mb=%.1f "
        "rss_overhead_small_mb=%.1f%s%s min_format_ratio=%.2f%s min_format_cpu_ratio=%.2f\n",
        lines.rate(), raw.rate() > 0 ? lines.rate() / raw.rate() : 0, peakKb / 1024.0,
        lines.growthMb(), few.growthMb(), raw.growthMb(), overhead, overheadSmall,
        perFormat.c_str(), perFormatRatio.c_str(), minRatio, perFormatCpuRatio.c_str(),
        minCpuRatio);
    return 0;
}
