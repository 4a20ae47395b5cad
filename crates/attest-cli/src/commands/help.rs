//! `attest help [COMMAND]...`: the long help of attest or of a command, as
//! `--help` prints it. (clap's own help command took `--help` for the name of
//! a command and exited 2.)

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, HelpArgs};

pub fn run(args: &HelpArgs, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    command.build();
    let mut target = &mut command;
    for name in &args.command {
        target = match target.find_subcommand_mut(name) {
            Some(sub) => sub,
            None => {
                eprintln!(
                    "attest: error: no command {:?} (`attest help` lists them)",
                    args.command.join(" ")
                );
                return Ok(ExitCode::from(2));
            }
        };
    }
    write!(out, "{}", target.render_long_help())?;
    Ok(ExitCode::SUCCESS)
}
