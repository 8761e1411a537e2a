#include "server_controller.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QSpinBox>
#include <QStatusBar>

#include "backend/backend.h"
#include "endpoint_server.h"
#include "menu_placement.h"

namespace shardscape {

ServerController::ServerController(QMainWindow* window, std::shared_ptr<Backend> local)
    : QObject(window), window_(window), local_(std::move(local)) {
    auto* menu = addMenuBeforeHelp(window->menuBar(), tr("&Server"));
    menu->setObjectName("serverMenu");
    startAction_ =
        menu->addAction(tr("&Start local endpoint…"), this, &ServerController::askAndStart);
    startAction_->setObjectName("startServer");
    stopAction_ = menu->addAction(tr("S&top local endpoint"), this, &ServerController::stop);
    stopAction_->setObjectName("stopServer");
    status_ = new QLabel(window);
    status_->setObjectName("serverStatus");
    window->statusBar()->addPermanentWidget(status_);
    update();
}

ServerController::~ServerController() {
    stop();
}

bool ServerController::isLoopback(const QString& host) {
    return host == "localhost" || host == "::1" || host.startsWith("127.");
}

QString ServerController::bindWarning(const QString& host) {
    if (isLoopback(host)) return {};
    return tr("Listening on %1 lets anyone who can reach this port read and change the data in "
              "the engine (plain HTTP, any credentials accepted). Start anyway?")
        .arg(host);
}

bool ServerController::start(const QString& host, int port) {
    if (server_) stop();
    error_.clear();
    if (!local_) {
        error_ = tr("No engine: the data directory could not be opened");
        return false;
    }
    auto engine = local_->servedEngine();
    if (!engine) {
        error_ = QString::fromStdString(engine.error().message);
        return false;
    }
    EndpointOptions options;
    options.host = host.toStdString();
    options.port = port;
    auto server = std::make_unique<EndpointServer>(**engine, options);
    auto bound = server->start();
    if (!bound) {
        error_ = QString::fromStdString(bound.error().message);
        window_->statusBar()->showMessage(error_, 10000);
        return false;
    }
    server_ = std::move(server);
    const QString shownHost = host.contains(':') ? "[" + host + "]" : host;
    url_ = QString("http://%1:%2").arg(shownHost).arg(*bound);
    update();
    emit started(url_);
    return true;
}

void ServerController::stop() {
    if (!server_) return;
    server_->stop();
    server_.reset();
    url_.clear();
    update();
    emit stopped();
}

void ServerController::update() {
    startAction_->setEnabled(!server_ && local_ && local_->capabilities().endpoint);
    stopAction_->setEnabled(server_ != nullptr);
    status_->setText(server_ ? tr("Endpoint: %1").arg(url_) : QString());
    status_->setVisible(server_ != nullptr);
}

void ServerController::askAndStart() {
    QDialog dialog(window_);
    dialog.setWindowTitle(tr("Start local endpoint"));
    auto* form = new QFormLayout(&dialog);
    auto* host = new QLineEdit("127.0.0.1", &dialog);
    auto* port = new QSpinBox(&dialog);
    port->setRange(0, 65535);
    port->setValue(8000);
    port->setSpecialValueText(tr("any free port"));
    form->addRow(tr("Host:"), host);
    form->addRow(tr("Port:"), port);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString chosenHost = host->text().trimmed();
    const QString warning = bindWarning(chosenHost);
    if (!warning.isEmpty() && QMessageBox::warning(window_, tr("Start local endpoint"), warning,
                                                   QMessageBox::Yes | QMessageBox::No,
                                                   QMessageBox::No) != QMessageBox::Yes)
        return;
    if (!start(chosenHost, port->value()))
        QMessageBox::critical(window_, tr("Start local endpoint"), error_);
}

}  // namespace shardscape
