#!/usr/bin/perl
# An SMSC for interoperability tests, written on Net::SMPP (Debian's libnet-smpp-perl) — an SMPP 3.4
# implementation independent of the Node `smpp` library our client and our simulator use.
#   perl test/peers/smsc.pl SYSTEM_ID PASSWORD
# Listens on an ephemeral port of 127.0.0.1 and prints "port N"; accepts ESMEs one after the other. A
# bind_transceiver with other credentials gets ESME_RINVPASWD (0x0E). Each submit_sm is answered with a message
# id of this SMSC, printed as one JSON line {"submit": {...}} (short_message in hex), and followed by a delivery
# receipt (deliver_sm, esm_class 0x04, "id:… stat:DELIVRD err:000"); a destination starting 1399 is receipted
# UNDELIV/err 001 instead.
use strict;
use warnings;
use Net::SMPP;
use JSON::PP;
use POSIX qw(strftime);

my ($system_id, $password) = @ARGV;
die "usage: smsc.pl SYSTEM_ID PASSWORD\n" unless defined $password;
$| = 1;
my $json = JSON::PP->new->canonical;
my $listener = Net::SMPP->new_listen('127.0.0.1', port => 0, smpp_version => 0x34) or die "listen: $!\n";
print "port ", $listener->sockport, "\n";

my $next_id = 7_000_000;
while (my $esme = $listener->accept) {
  my $bound = 0;
  while (my $pdu = $esme->read_pdu) {
    my $cmd = $pdu->{cmd};
    if ($cmd == Net::SMPP::CMD_bind_transceiver) {
      my $ok = ($pdu->{system_id} // '') eq $system_id && ($pdu->{password} // '') eq $password;
      $esme->bind_transceiver_resp(system_id => 'NETSMPP', seq => $pdu->{seq}, status => $ok ? 0 : 0x0E);
      $bound = $ok;
      print $json->encode({ bind => { system_id => $pdu->{system_id}, ok => $ok ? JSON::PP::true : JSON::PP::false } }), "\n";
    } elsif ($cmd == Net::SMPP::CMD_submit_sm) {
      if (!$bound) { $esme->submit_sm_resp(message_id => '', seq => $pdu->{seq}, status => 0x04); next; } # ESME_RINVBNDSTS
      my $id = 'ns' . $next_id++;
      $esme->submit_sm_resp(message_id => $id, seq => $pdu->{seq});
      print $json->encode({ submit => {
        id => $id, source_addr => $pdu->{source_addr}, destination_addr => $pdu->{destination_addr},
        esm_class => $pdu->{esm_class}, data_coding => $pdu->{data_coding},
        registered_delivery => $pdu->{registered_delivery}, short_message => unpack('H*', $pdu->{short_message}),
      } }), "\n";
      next unless ($pdu->{registered_delivery} // 0) & 1;
      my $failed = ($pdu->{destination_addr} // '') =~ /^1399/;
      my $now = strftime('%y%m%d%H%M', gmtime);
      my $text = sprintf('id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:',
        $id, $failed ? '000' : '001', $now, $now, $failed ? 'UNDELIV' : 'DELIVRD', $failed ? '001' : '000');
      # async: the deliver_sm_resp comes back through read_pdu; a synchronous wait would swallow the next submit
      $esme->deliver_sm(source_addr => $pdu->{destination_addr}, destination_addr => $pdu->{source_addr},
        esm_class => 0x04, short_message => $text, async => 1);
    } elsif ($cmd == Net::SMPP::CMD_enquire_link) {
      $esme->enquire_link_resp(seq => $pdu->{seq});
    } elsif ($cmd == Net::SMPP::CMD_unbind) {
      $esme->unbind_resp(seq => $pdu->{seq});
      last;
    }
    # deliver_sm_resp and anything else: nothing to answer
  }
  close $esme;
}
