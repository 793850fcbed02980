"use strict";

// A scheduler written with mesos-framework (npm), the way its README shows: it subscribes to the master given as
// MASTER_HOST/MASTER_PORT, takes an offer and launches one command task. It prints "RUNNING <task id>" once the master
// reports the task running, then keeps the subscription open until its parent ends it.
var fs = require("fs");
fs.mkdirSync(process.env.LOG_DIR || "logs", { recursive: true });
var Scheduler = require("mesos-framework").Scheduler;
var Mesos = require("mesos-framework").Mesos.getMesos();

var scheduler = new Scheduler({
    masterUrl: process.env.MASTER_HOST || "127.0.0.1",
    port: parseInt(process.env.MASTER_PORT || "5050", 10),
    frameworkName: process.env.FRAMEWORK_NAME || "mesos-framework-js",
    logging: { path: process.env.LOG_DIR || "logs", fileName: "mesos-framework.log", level: "debug" },
    tasks: {
        sleeper: {
            priority: 1,
            instances: 1,
            commandInfo: new Mesos.CommandInfo(null, null, true, "sleep 3600", null, null),
            resources: { cpus: 0.1, mem: 32, ports: 1, disk: 0 }
        }
    }
});

scheduler.on("subscribed", function (obj) {
    console.log("SUBSCRIBED " + obj.frameworkId);
});

scheduler.on("updated_task", function (task) {
    console.log("UPDATE " + task.taskId + " " + task.state);
    if (task.state === "TASK_RUNNING") {
        console.log("RUNNING " + task.taskId);
    }
});

scheduler.on("error", function (error) {
    console.log("ERROR " + (error && error.message ? error.message : JSON.stringify(error)));
});

scheduler.on("ready", function () {
    scheduler.subscribe();
});
