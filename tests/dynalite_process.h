#pragma once
// dynalite (the npm DynamoDB-compatible server; installer/setup.sh installs it into the build
// directory) as a child process on a free port, for the remote-connection tests. Stopped
// (SIGTERM, then killed) when the object goes away.

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "http_test_client.h"

namespace shardscape::testing {

class DynaliteProcess {
  public:
    ~DynaliteProcess() { stop(); }

    // Starts dynalite and waits for its "listening at" line; false with `problem()` set.
    bool start() {
        if (!QFile::exists(SHARDSCAPE_DYNALITE)) {
            problem_ = QString("dynalite not found at %1 (installer/setup.sh installs it)")
                           .arg(SHARDSCAPE_DYNALITE);
            return false;
        }
        for (int attempt = 0; attempt < 3 && port_ == 0; ++attempt) {
            process_.start("node",
                           {SHARDSCAPE_DYNALITE, "--port", QString::number(freeTcpPort()), "--host",
                            "127.0.0.1", "--path", data_.path(), "--createTableMs", "0",
                            "--deleteTableMs", "0", "--updateTableMs", "0"});
            if (!process_.waitForStarted(10000)) break;
            QByteArray output;
            const QRegularExpression pattern("listening at: http://[^:]+:(\\d+)");
            for (int waited = 0; waited < 30 && process_.state() == QProcess::Running; ++waited) {
                if (process_.waitForReadyRead(1000)) output += process_.readAllStandardOutput();
                const auto match = pattern.match(QString::fromUtf8(output));
                if (match.hasMatch()) {
                    port_ = match.captured(1).toInt();
                    break;
                }
            }
            if (port_ == 0) {
                problem_ = "dynalite did not start: " + QString::fromUtf8(output) +
                           QString::fromUtf8(process_.readAllStandardError());
                stop();
            }
        }
        return port_ != 0;
    }

    void stop() {
        if (process_.state() == QProcess::NotRunning) return;
        process_.terminate();
        if (!process_.waitForFinished(5000)) {
            process_.kill();
            process_.waitForFinished(5000);
        }
    }

    int port() const { return port_; }
    QString url() const { return QString("http://127.0.0.1:%1").arg(port_); }
    QString problem() const { return problem_; }

  private:
    QTemporaryDir data_;
    QProcess process_;
    int port_ = 0;
    QString problem_;
};

}  // namespace shardscape::testing
